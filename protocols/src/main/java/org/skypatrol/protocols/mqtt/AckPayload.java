package org.skypatrol.protocols.mqtt;

import java.time.Instant;
import java.util.List;

/**
 * {@code {p}/gateways/{gatewayId}/acks} (in, QoS 1): the command centre confirms that it has stored the
 * outbox messages with these ids (alerts, command results). With acks enabled the gateway keeps each
 * message until acknowledged and re-publishes it after a timeout: a broker PUBACK alone is not a
 * delivery guarantee (FAULTS.md Q2).
 */
public record AckPayload(String schema, Instant time, List<String> messageIds) {

    public static final String SCHEMA = "skypatrol.ack/1";
    public static final int MAX_IDS = 1000;

    public AckPayload {
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
    }

    public static AckPayload of(Instant time, List<String> ids) {
        return new AckPayload(SCHEMA, time, ids);
    }
}
