package org.skypatrol.gateway.events;

import java.util.Objects;

import org.skypatrol.protocols.mqtt.AlertPayload;

/**
 * An alert phase (start/update/end) raised by the analytics. The MQTT bridge stores it in the durable
 * outbox and publishes it on {@code {p}/alerts/{sourceId}}; leave {@code messageId} null (the outbox
 * assigns it). Build the payload with {@link AlertPayload#of}.
 */
public record AlertEvent(AlertPayload alert) implements GatewayEvent {

    public AlertEvent {
        Objects.requireNonNull(alert, "alert");
    }
}
