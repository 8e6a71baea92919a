package org.skypatrol.gateway.metrics;

import java.util.List;
import java.util.Locale;

import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.mavlink.CommandTracker;
import org.skypatrol.gateway.mavlink.EndpointStats;
import org.skypatrol.gateway.mavlink.MavlinkEndpoint;
import org.skypatrol.gateway.mavlink.MavlinkGateway;
import org.skypatrol.protocols.mavlink.MavlinkCounter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * MAVLink input per endpoint (labels {@code endpoint}, {@code transport}): what arrived, what
 * decoded, every drop by reason, and the kernel's UDP drops. Reads {@link EndpointStats} and the
 * decoder's {@code MavlinkCounters}, which the endpoints already keep.
 */
final class MavlinkMeters implements MeterBinder {

    /** Frames dropped, by the reason label they are exported with. */
    static final List<MavlinkCounter> DROPS = List.of(MavlinkCounter.BAD_CRC, MavlinkCounter.BAD_LENGTH,
            MavlinkCounter.UNKNOWN_INCOMPAT_FLAGS, MavlinkCounter.UNKNOWN_ID_DROPPED, MavlinkCounter.TRUNCATED,
            MavlinkCounter.BAD_SIGNATURE, MavlinkCounter.SIGNATURE_REPLAY, MavlinkCounter.SIGNATURE_TOO_OLD,
            MavlinkCounter.LINK_PEER_MISMATCH, MavlinkCounter.UNSIGNED_REJECTED, MavlinkCounter.SETUP_SIGNING_IGNORED);

    private final MavlinkGateway mavlink;
    private final java.util.Set<String> bound = java.util.concurrent.ConcurrentHashMap.newKeySet();

    MavlinkMeters(MavlinkGateway mavlink) {
        this.mavlink = mavlink;
    }

    /** The {@code reason} label of a drop counter: its name in snake case ({@code unknown_id} for unknown ids). */
    static String reason(MavlinkCounter c) {
        return c == MavlinkCounter.UNKNOWN_ID_DROPPED ? "unknown_id" : c.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void bindTo(MeterRegistry r) {
        if (Meters.once(bound, "\0commands")) { // not an endpoint name: those are configuration keys
            bindCommands(r, mavlink.commands());
        }
        for (MavlinkEndpoint e : mavlink.endpoints()) {
            if (!Meters.once(bound, "endpoint:" + e.name())) {
                continue;
            }
            Tags t = Tags.of("endpoint", e.name(), "transport", e.transport().name().toLowerCase(Locale.ROOT));
            EndpointStats s = e.stats();
            Meters.counter(r, "skypatrol.mavlink.received", "packets",
                    "UDP datagrams or TCP reads received by the endpoint", t, s, EndpointStats::packetsIn);
            Meters.counter(r, "skypatrol.mavlink.decoded", "frames",
                    "MAVLink frames decoded and accepted (checksum verified, or an unknown id passed through)",
                    t, s, EndpointStats::framesOk);
            Meters.counter(r, "skypatrol.mavlink.unverified", "frames",
                    "accepted frames of message ids unknown to the gateway (checksum not verifiable), part of decoded",
                    t, s, x -> x.get(MavlinkCounter.FRAMES_UNVERIFIED));
            for (MavlinkCounter c : DROPS) {
                Meters.counter(r, "skypatrol.mavlink.dropped", "frames",
                        "MAVLink frames dropped, by reason (bad_crc, truncated, bad_signature, unsigned_rejected, ...)",
                        t.and("reason", reason(c)), s, x -> x.get(c));
            }
            Meters.counter(r, "skypatrol.mavlink.junk.runs", null,
                    "runs of bytes before a magic byte that belonged to no frame", t, s,
                    x -> x.get(MavlinkCounter.JUNK));
            Meters.counter(r, "skypatrol.mavlink.skipped", "bytes",
                    "bytes consumed without producing a frame (junk and dropped frames)", t, s,
                    x -> x.get(MavlinkCounter.BYTES_SKIPPED));
            Meters.counter(r, "skypatrol.mavlink.unknown.system", "frames",
                    "frames from a system that has sent no HEARTBEAT yet (attributed to no drone)", t, s,
                    EndpointStats::framesFromUnknown);
            Meters.counter(r, "skypatrol.mavlink.ground.station", "frames",
                    "HEARTBEATs from ground stations (never registered as drones)", t, s,
                    EndpointStats::groundStationFrames);
            Meters.counter(r, "skypatrol.mavlink.sequence.lost", "frames",
                    "frames missing according to the drones' sequence numbers", t, s, EndpointStats::sequenceLost);
            Meters.counter(r, "skypatrol.mavlink.sent", "frames", "MAVLink frames the gateway sent", t, s,
                    EndpointStats::framesOut);
            if (e.transport() == MavlinkConfig.Transport.UDP) {
                // -1 (not Linux, or /proc hidden) is exported as NaN: unknown, not a false zero
                Meters.counter(r, "skypatrol.udp.kernel.dropped", "datagrams",
                        "datagrams the kernel dropped on the endpoint's sockets (receive buffer full; /proc/net/udp)",
                        Tags.of("endpoint", e.name()), e, x -> {
                            long d = x.kernelDrops();
                            return d < 0 ? Double.NaN : d;
                        });
            }
        }
    }

    /** COMMAND_LONG/INT with acks and retries (loudspeaker clips, stream rates, video discovery). */
    private static void bindCommands(MeterRegistry r, CommandTracker c) {
        Meters.counter(r, "skypatrol.mavlink.commands.sent", null,
                "COMMAND_LONG/COMMAND_INT transmissions to drones, retries included", Tags.empty(), c,
                CommandTracker::sent);
        Meters.counter(r, "skypatrol.mavlink.commands.retried", null, "command retransmissions after an ack timeout",
                Tags.empty(), c, CommandTracker::retried);
        Meters.counter(r, "skypatrol.mavlink.commands.timed.out", null,
                "commands given up after every retry went unacknowledged", Tags.empty(), c, CommandTracker::timedOut);
        Meters.counter(r, "skypatrol.mavlink.commands.unexpected.acks", null,
                "COMMAND_ACKs for no command in flight (late, duplicate or foreign)", Tags.empty(), c,
                CommandTracker::unexpectedAcks);
    }
}
