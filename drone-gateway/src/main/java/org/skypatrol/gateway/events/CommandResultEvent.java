package org.skypatrol.gateway.events;

import java.time.Instant;
import java.util.Objects;

import org.skypatrol.protocols.mqtt.CommandResultPayload;

/**
 * Progress or outcome of a command to a drone (broadcast service, or the MQTT bridge itself when it
 * rejects an inbound command). The MQTT bridge publishes it through the outbox on
 * {@code {p}/drones/{droneId}/commands/result}.
 *
 * @param reason why, for failed/timeout/rejected (null otherwise)
 */
public record CommandResultEvent(String commandId, String droneId, CommandResultPayload.Status status, String reason,
                                 Instant time) implements GatewayEvent {

    public CommandResultEvent {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(droneId, "droneId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
    }

    public CommandResultPayload toPayload() {
        return CommandResultPayload.of(time, commandId, droneId, status, reason);
    }
}
