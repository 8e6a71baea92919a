package org.skypatrol.gateway.broadcast;

/**
 * A way to reach a drone's loudspeaker: MAVLink ({@link MavlinkSpeakerTransport}) or the DJI Cloud
 * API ({@link DjiSpeakerTransport}). A transport owns its wire protocol, acks, retries and
 * per-message timeouts; the {@link BroadcastService} owns the command lifecycle.
 */
public interface DroneSpeakerTransport {

    /** {@code mavlink} or {@code dji}: matched against the link's transport name. */
    String name();

    /** Whether this transport can reach the drone now (it knows its address / gateway serial). */
    boolean serves(String droneId);

    /**
     * Starts playing; returns at once. Progress arrives on {@code listener} from any thread, in
     * order, ending with exactly one terminal stage (DONE, FAILED or TIMEOUT).
     */
    Playback play(SpeakerOrder order, Listener listener);

    /** A started broadcast. */
    interface Playback {
        /** Stops playing (pre-emption, ttl): best effort, no further progress is reported. */
        void stop();
    }

    /** Progress of one broadcast. */
    interface Listener {
        void progress(Stage stage, String reason);
    }

    /** What the loudspeaker reported. */
    enum Stage {
        /** The drone acknowledged the command (COMMAND_ACK accepted, services_reply result 0). */
        DELIVERED,
        /** The loudspeaker started playing. */
        PLAYING,
        /** Played to the end. */
        DONE,
        /** Refused or failed on the drone. */
        FAILED,
        /** No answer after every retry. */
        TIMEOUT;

        public boolean terminal() {
            return this == DONE || this == FAILED || this == TIMEOUT;
        }
    }
}
