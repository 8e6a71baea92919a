package org.skypatrol.gateway.events;

import java.time.Instant;

/**
 * A video source's state, published on every state change and periodically (every few seconds)
 * while it runs; the MQTT bridge maps it to {@code .../cameras/{cameraId}/status} (retained).
 *
 * @param cameraId        source id (configured id, or {@code drone-{droneId}} for a published stream)
 * @param state           stream state
 * @param fps             frames per second over the last status interval
 * @param lastFrame       wall-clock time of the newest frame, or null if none yet
 * @param frames          frames received since the gateway started
 * @param drops           frames or packets dropped (damaged, undecodable, not recordable)
 * @param restarts        reconnects since start
 * @param recording       whether frames are being written to disk right now
 * @param error           the last error in a sentence ("disk full", "connection refused"), or null
 * @param time            when this status was made
 */
public record CameraStatusEvent(String cameraId, State state, double fps, Instant lastFrame, long frames,
                                long drops, long restarts, boolean recording, String error, Instant time)
        implements GatewayEvent {

    /** Stream state. */
    public enum State {
        /** Opening the stream (first time or after a drop). */
        CONNECTING,
        /** Frames are flowing. */
        STREAMING,
        /** The stream dropped; waiting for the backoff before reconnecting. */
        RECONNECTING,
        /** Stopped (configured off, file ended, publisher tore down). */
        STOPPED
    }
}
