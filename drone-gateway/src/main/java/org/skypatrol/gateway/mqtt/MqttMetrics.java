package org.skypatrol.gateway.mqtt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of the MQTT side, named {@code <entity>_<direction>_<unit>} and kept at zero until they move,
 * so a quiet counter is still visible. Tests assert on these rather than on log text.
 */
public final class MqttMetrics {

    public static final String CONNECTS = "mqtt_connects_total";
    public static final String CONNECT_FAILURES = "mqtt_connect_failures_total";
    public static final String TLS_FAILURES = "mqtt_tls_failures_total";
    public static final String DISCONNECTS = "mqtt_disconnects_total";
    public static final String PUBLISH_DENIED = "mqtt_publish_denied_total";
    public static final String PUBLISH_FAILED = "mqtt_publish_failed_total";
    public static final String TELEMETRY_OUT = "telemetry_out_messages_total";
    public static final String TELEMETRY_COALESCED = "telemetry_coalesced_samples_total";
    public static final String TELEMETRY_DROPPED_OFFLINE = "telemetry_dropped_disconnected_total";
    public static final String TELEMETRY_DROPPED_BACKPRESSURE = "telemetry_dropped_backpressure_total";
    public static final String STATUS_OUT = "status_out_messages_total";
    public static final String OUTBOX_APPENDED = "outbox_appended_messages_total";
    public static final String OUTBOX_DELIVERED = "outbox_delivered_messages_total";
    public static final String OUTBOX_REPUBLISHED = "outbox_republished_messages_total";
    public static final String OUTBOX_REFUSED_FULL = "outbox_refused_full_total";
    public static final String OUTBOX_REFUSED_OVERSIZE = "outbox_refused_oversize_total";
    public static final String OUTBOX_HIGH_WATER_ALARMS = "outbox_high_water_alarms_total";
    public static final String OUTBOX_TORN_TAILS = "outbox_torn_tails_repaired_total";
    public static final String OUTBOX_BACKPRESSURE_WAITS = "outbox_inflight_full_waits_total";
    public static final String ACKS_IN = "acks_in_messages_total";
    public static final String COMMANDS_IN = "commands_in_messages_total";
    public static final String COMMANDS_REJECTED = "commands_rejected_total";
    public static final String COMMANDS_DUPLICATE = "commands_duplicate_total";
    public static final String DJI_IN = "dji_in_messages_total";
    public static final String DJI_MALFORMED = "dji_malformed_messages_total";
    public static final String DJI_IGNORED = "dji_ignored_messages_total";
    public static final String INBOUND_UNROUTED = "mqtt_in_unrouted_messages_total";

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public MqttMetrics() {
        for (String n : new String[] {CONNECTS, CONNECT_FAILURES, TLS_FAILURES, DISCONNECTS, PUBLISH_DENIED,
                PUBLISH_FAILED, TELEMETRY_OUT, TELEMETRY_COALESCED, TELEMETRY_DROPPED_OFFLINE,
                TELEMETRY_DROPPED_BACKPRESSURE, STATUS_OUT, OUTBOX_APPENDED, OUTBOX_DELIVERED, OUTBOX_REPUBLISHED,
                OUTBOX_REFUSED_FULL, OUTBOX_REFUSED_OVERSIZE, OUTBOX_HIGH_WATER_ALARMS, OUTBOX_TORN_TAILS,
                OUTBOX_BACKPRESSURE_WAITS, ACKS_IN, COMMANDS_IN, COMMANDS_REJECTED, COMMANDS_DUPLICATE, DJI_IN,
                DJI_MALFORMED, DJI_IGNORED, INBOUND_UNROUTED}) {
            counters.put(n, new AtomicLong());
        }
    }

    public void inc(String name) {
        add(name, 1);
    }

    public void add(String name, long delta) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(delta);
    }

    public long get(String name) {
        AtomicLong c = counters.get(name);
        return c == null ? 0 : c.get();
    }

    /** A sorted copy of every counter. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}
