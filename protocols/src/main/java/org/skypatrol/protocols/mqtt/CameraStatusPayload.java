package org.skypatrol.protocols.mqtt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {p}/cameras/{cameraId}/status} (QoS 1, retained): a video source's stream state. */
public record CameraStatusPayload(String schema, Instant time, String cameraId, State state, Double fps,
                                  Instant lastFrame) {

    public static final String SCHEMA = "skypatrol.camera-status/1";

    /** Stream state: frames arriving, frames stopped but connection open, disconnected. */
    public enum State {
        @JsonProperty("streaming") STREAMING,
        @JsonProperty("stalled") STALLED,
        @JsonProperty("offline") OFFLINE
    }

    public static CameraStatusPayload of(Instant time, String cameraId, State state, Double fps, Instant lastFrame) {
        return new CameraStatusPayload(SCHEMA, time, cameraId, state, fps, lastFrame);
    }
}
