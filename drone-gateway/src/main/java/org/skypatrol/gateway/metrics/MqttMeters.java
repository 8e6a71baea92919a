package org.skypatrol.gateway.metrics;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.skypatrol.gateway.mqtt.DurableOutbox;
import org.skypatrol.gateway.mqtt.MqttBridge;
import org.skypatrol.gateway.mqtt.MqttMetrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The command-centre link: connected or not, the durable outbox (depth, bytes, age of the oldest
 * undelivered message), and every counter of {@link MqttMetrics} under its own name with the
 * {@code skypatrol_} prefix ({@code telemetry_out_messages_total} becomes
 * {@code skypatrol_telemetry_out_messages_total}).
 */
final class MqttMeters implements MeterBinder {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry(MqttMetrics.CONNECTS, "connections to the MQTT broker established"),
            Map.entry(MqttMetrics.CONNECT_FAILURES, "failed attempts to connect to the MQTT broker"),
            Map.entry(MqttMetrics.TLS_FAILURES, "connection attempts that failed in TLS (never falls back to plaintext)"),
            Map.entry(MqttMetrics.DISCONNECTS, "connections to the broker lost"),
            Map.entry(MqttMetrics.PUBLISH_DENIED, "publishes the broker refused with an MQTT 5 reason code (ACL)"),
            Map.entry(MqttMetrics.PUBLISH_FAILED, "status publishes that failed"),
            Map.entry(MqttMetrics.TELEMETRY_OUT, "telemetry messages published (QoS 0)"),
            Map.entry(MqttMetrics.TELEMETRY_COALESCED, "telemetry samples replaced by a newer one before publishing (rate limit)"),
            Map.entry(MqttMetrics.TELEMETRY_DROPPED_OFFLINE, "telemetry messages dropped while the broker was unreachable"),
            Map.entry(MqttMetrics.TELEMETRY_DROPPED_BACKPRESSURE, "telemetry messages dropped because the in-flight window was full"),
            Map.entry(MqttMetrics.STATUS_OUT, "drone, camera and gateway status messages published"),
            Map.entry(MqttMetrics.OUTBOX_APPENDED, "alerts and command results stored in the durable outbox"),
            Map.entry(MqttMetrics.OUTBOX_DELIVERED, "outbox messages completed (PUBACK, or the command centre's ack when required)"),
            Map.entry(MqttMetrics.OUTBOX_REPUBLISHED, "outbox messages sent again (reconnect, ack timeout)"),
            Map.entry(MqttMetrics.OUTBOX_REFUSED_FULL, "messages refused because the outbox was full"),
            Map.entry(MqttMetrics.OUTBOX_REFUSED_OVERSIZE, "messages refused for a payload above mqtt.maxPayloadBytes"),
            Map.entry(MqttMetrics.OUTBOX_HIGH_WATER_ALARMS, "times the outbox passed its high-water mark"),
            Map.entry(MqttMetrics.OUTBOX_TORN_TAILS, "torn records at the outbox's tail repaired at start-up"),
            Map.entry(MqttMetrics.OUTBOX_BACKPRESSURE_WAITS, "times the outbox sender waited for a free in-flight slot"),
            Map.entry(MqttMetrics.ACKS_IN, "acknowledgement messages received from the command centre"),
            Map.entry(MqttMetrics.COMMANDS_IN, "command messages received from the command centre"),
            Map.entry(MqttMetrics.COMMANDS_REJECTED, "command messages rejected (invalid, too large, unreadable)"),
            Map.entry(MqttMetrics.COMMANDS_DUPLICATE, "repeated commandIds answered from the cache"),
            Map.entry(MqttMetrics.DJI_IN, "DJI Cloud API messages received"),
            Map.entry(MqttMetrics.DJI_MALFORMED, "DJI messages that could not be parsed"),
            Map.entry(MqttMetrics.DJI_IGNORED, "DJI messages of kinds the gateway does not use"),
            Map.entry(MqttMetrics.INBOUND_UNROUTED, "inbound MQTT messages on topics nothing handles"));

    private final MqttBridge bridge;
    private final long outboxLimitBytes;
    private final Clock clock;
    private final java.util.Set<String> bound = java.util.concurrent.ConcurrentHashMap.newKeySet();

    MqttMeters(MqttBridge bridge, long outboxLimitBytes, Clock clock) {
        this.bridge = bridge;
        this.outboxLimitBytes = outboxLimitBytes;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        Tags none = Tags.empty();
        if (Meters.once(bound, "")) {
            bindLink(r, none);
        }
        for (String name : bridge.metrics().snapshot().keySet()) {
            if (!Meters.once(bound, name)) {
                continue;
            }
            String base = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
            Meters.counter(r, "skypatrol." + base, null, HELP.getOrDefault(name, "MQTT bridge counter " + name), none,
                    bridge.metrics(), m -> m.get(name));
        }
    }

    private void bindLink(MeterRegistry r, Tags none) {
        Meters.gauge(r, "skypatrol.mqtt.connected", null, "1 while the gateway is connected to the MQTT broker",
                none, bridge, b -> Meters.bit(b.isConnected()));
        Meters.gauge(r, "skypatrol.outbox.pending", "messages",
                "alerts and command results stored and not yet delivered (the outbox depth)", none, bridge,
                b -> b.outbox() == null ? Double.NaN : b.outbox().pendingCount());
        Meters.gauge(r, "skypatrol.outbox.used", "bytes", "disk space the outbox segments use", none, bridge,
                b -> b.outbox() == null ? Double.NaN : b.outbox().usedBytes());
        Meters.gauge(r, "skypatrol.outbox.limit", "bytes", "mqtt.outbox.maxBytes: beyond it new messages are refused",
                none, this, m -> m.outboxLimitBytes);
        Meters.gauge(r, "skypatrol.outbox.above.high.water", null, "1 while the outbox is above its high-water mark",
                none, bridge, b -> b.outbox() == null ? Double.NaN : Meters.bit(b.outbox().aboveHighWater()));
        Meters.gauge(r, "skypatrol.outbox.oldest.age", "seconds",
                "age of the oldest undelivered outbox message, by the time in its payload (0 when empty)", none, this,
                MqttMeters::oldestAgeSeconds);
    }

    private double oldestAgeSeconds() {
        DurableOutbox outbox = bridge.outbox();
        if (outbox == null) {
            return Double.NaN;
        }
        return outbox.oldestPending().map(e -> {
            Instant t = payloadTime(e.payload());
            return t == null ? Double.NaN : Math.max(0, Duration.between(t, clock.instant()).toMillis() / 1000.0);
        }).orElse(0.0);
    }

    /** The top-level {@code time} of one of our payloads (every schema has one, ISO-8601 UTC), or null. */
    static Instant payloadTime(byte[] payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("time".equals(field) && value == JsonToken.VALUE_STRING) {
                    return Instant.parse(p.getText());
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }
}
