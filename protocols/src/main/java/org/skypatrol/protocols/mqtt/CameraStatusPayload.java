package org.skypatrol.protocols.mqtt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code {p}/cameras/{cameraId}/status} (QoS 1, retained): a video source's stream state.
 *
 * @param fps       frames per second over the last status interval
 * @param lastFrame wall-clock time of the newest frame (absent before the first)
 * @param frames    frames received since the gateway started
 * @param drops     frames or packets dropped
 * @param restarts  reconnects since start
 * @param recording whether frames are being written to disk now
 * @param error     the last error in a sentence ("disk full"), absent when none
 */
public record CameraStatusPayload(String schema, Instant time, String cameraId, State state, Double fps,
                                  Instant lastFrame, Long frames, Long drops, Long restarts, Boolean recording,
                                  String error) {

    public static final String SCHEMA = "skypatrol.camera-status/1";

    /** Stream state: opening, frames flowing, waiting to reconnect after a drop, stopped. */
    public enum State {
        @JsonProperty("connecting") CONNECTING,
        @JsonProperty("streaming") STREAMING,
        @JsonProperty("reconnecting") RECONNECTING,
        @JsonProperty("stopped") STOPPED
    }

    public static CameraStatusPayload of(Instant time, String cameraId, State state, Double fps, Instant lastFrame,
                                         Long frames, Long drops, Long restarts, Boolean recording, String error) {
        return new CameraStatusPayload(SCHEMA, time, cameraId, state, fps, lastFrame, frames, drops, restarts,
                recording, error);
    }
}
