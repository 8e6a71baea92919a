package org.skypatrol.protocols.mqtt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {p}/drones/{droneId}/status} (QoS 1, retained): the drone's link state. */
public record DroneStatusPayload(String schema, Instant time, String droneId, State state, Instant lastSeen,
                                 String transport) {

    public static final String SCHEMA = "skypatrol.drone-status/1";

    /** Link state: online (heard recently), stale (missed heartbeats), offline (lost or left). */
    public enum State {
        @JsonProperty("online") ONLINE,
        @JsonProperty("stale") STALE,
        @JsonProperty("offline") OFFLINE
    }

    public static DroneStatusPayload of(Instant time, String droneId, State state, Instant lastSeen, String transport) {
        return new DroneStatusPayload(SCHEMA, time, droneId, state, lastSeen, transport);
    }
}
