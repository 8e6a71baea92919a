package org.skypatrol.protocols.mqtt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code {p}/drones/{droneId}/commands/result} (QoS 1, through the durable outbox): progress and outcome
 * of a command. A command reports any of {@code accepted}, {@code delivered}, {@code playing} and ends
 * with exactly one of {@code done}, {@code failed}, {@code timeout}, {@code rejected}. {@code messageId}
 * works as for alerts.
 */
public record CommandResultPayload(String schema, Instant time, String messageId, String commandId, String droneId,
                                   Status status, String reason) {

    public static final String SCHEMA = "skypatrol.command-result/1";

    public enum Status {
        @JsonProperty("accepted") ACCEPTED,
        @JsonProperty("delivered") DELIVERED,
        @JsonProperty("playing") PLAYING,
        @JsonProperty("done") DONE,
        @JsonProperty("failed") FAILED,
        @JsonProperty("timeout") TIMEOUT,
        @JsonProperty("rejected") REJECTED;

        /** True for the statuses that end a command. */
        public boolean isFinal() {
            return this == DONE || this == FAILED || this == TIMEOUT || this == REJECTED;
        }
    }

    public static CommandResultPayload of(Instant time, String commandId, String droneId, Status status, String reason) {
        return new CommandResultPayload(SCHEMA, time, null, commandId, droneId, status, reason);
    }

    public CommandResultPayload withMessageId(String id) {
        return new CommandResultPayload(schema, time, id, commandId, droneId, status, reason);
    }
}
