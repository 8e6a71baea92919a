package org.skypatrol.gateway.mavlink;

import java.util.concurrent.atomic.LongAdder;

import org.skypatrol.protocols.mavlink.MavlinkCounter;
import org.skypatrol.protocols.mavlink.MavlinkCounters;

/**
 * Counters of one endpoint: the decoder's frames by outcome ({@link MavlinkCounters}: ok, bad CRC,
 * truncated, bad signature...) plus what the gateway does with the accepted frames.
 */
public final class EndpointStats {

    /** Parse and signature outcomes, shared by every channel of the endpoint. */
    final MavlinkCounters decoder = new MavlinkCounters();
    /** UDP datagrams or TCP reads received. */
    final LongAdder packetsIn = new LongAdder();
    /** Frames from a system that has not sent a HEARTBEAT yet (not attributed to any drone). */
    final LongAdder framesFromUnknown = new LongAdder();
    /** HEARTBEATs from ground stations (MAV_TYPE_GCS), which never become drones. */
    final LongAdder groundStationFrames = new LongAdder();
    /** Frames the gateway sent. */
    final LongAdder framesOut = new LongAdder();
    /** Frames missing according to sequence numbers, all drones of the endpoint together. */
    final LongAdder sequenceLost = new LongAdder();

    public MavlinkCounters decoder() {
        return decoder;
    }

    public long framesOk() {
        return decoder.get(MavlinkCounter.FRAMES_OK) + decoder.get(MavlinkCounter.FRAMES_UNVERIFIED);
    }

    public long packetsIn() {
        return packetsIn.sum();
    }

    public long framesFromUnknown() {
        return framesFromUnknown.sum();
    }

    public long groundStationFrames() {
        return groundStationFrames.sum();
    }

    public long framesOut() {
        return framesOut.sum();
    }

    public long sequenceLost() {
        return sequenceLost.sum();
    }

    public long get(MavlinkCounter counter) {
        return decoder.get(counter);
    }
}
