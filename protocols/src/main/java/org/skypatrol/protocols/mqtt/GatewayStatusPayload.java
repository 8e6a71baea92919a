package org.skypatrol.protocols.mqtt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code {p}/gateways/{gatewayId}/status} (QoS 1, retained): {@code online} while connected; the
 * {@code offline} form is registered as the MQTT will (MQTT 5 section 3.1.2.5), so the broker publishes
 * it when the gateway dies, and the gateway publishes it itself on a clean shutdown.
 */
public record GatewayStatusPayload(String schema, Instant time, String gatewayId, State state, String version) {

    public static final String SCHEMA = "skypatrol.gateway-status/1";

    public enum State {
        @JsonProperty("online") ONLINE,
        @JsonProperty("offline") OFFLINE
    }

    public static GatewayStatusPayload of(Instant time, String gatewayId, State state, String version) {
        return new GatewayStatusPayload(SCHEMA, time, gatewayId, state, version);
    }
}
