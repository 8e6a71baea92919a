package org.skypatrol.gateway.events;

import java.time.Instant;
import java.util.Objects;

import org.skypatrol.protocols.mqtt.BroadcastRequestPayload;

/**
 * A validated broadcast request for a known drone, from the command centre (MQTT), the CLI/API or a
 * rule's policy. Handed to the {@link BroadcastRequestHandler}; also published on the bus for the
 * console and the audit log.
 *
 * @param origin who asked: {@code mqtt}, {@code cli}, {@code api}, {@code rule}
 */
public record BroadcastRequestEvent(String droneId, BroadcastRequestPayload request, String origin, Instant receivedAt)
        implements GatewayEvent {

    public BroadcastRequestEvent {
        Objects.requireNonNull(droneId, "droneId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(request.commandId(), "request.commandId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public String commandId() {
        return request.commandId();
    }
}
