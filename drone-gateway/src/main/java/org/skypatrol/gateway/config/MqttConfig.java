package org.skypatrol.gateway.config;

import java.util.regex.Pattern;

/**
 * The {@code mqtt} section: the command-centre broker (embedded by default), the topic prefix, the
 * client session, the telemetry rate, the durable outbox and the DJI Cloud API side. See docs/mqtt.md.
 *
 * @param enabled            false turns the whole MQTT side off
 * @param url                external broker ({@code tcp://host:1883}, {@code ssl://host:8883}); empty or
 *                           null starts the embedded broker instead
 * @param username           for an external broker (null: none)
 * @param password           for an external broker (null: none; prefer {@code SKYPATROL_MQTT_PASSWORD})
 * @param clientId           MQTT client id; null means {@code skypatrol-<gateway.id>}
 * @param topicPrefix        first levels of every command-centre topic
 * @param embedded           the embedded broker (used when {@code url} is empty)
 * @param tls                TLS settings for {@code ssl://} URLs
 * @param telemetryRateHz    max telemetry messages per drone per second (latest values coalesced)
 * @param keepAliveSeconds   MQTT keep alive; the will fires within 1.5x of it (MQTT 5 section 3.1.2.10)
 * @param sessionExpirySeconds persistent-session lifetime after a disconnect (MQTT 5 section 3.1.2.11.2)
 * @param maxInflight        QoS 1 messages awaiting PUBACK at once (back-pressure beyond it)
 * @param reconnectMaxSeconds upper bound of the reconnect backoff (starts at 0.25 s, doubles)
 * @param maxInboundBytes    inbound command payloads larger than this are rejected unread
 * @param maxPayloadBytes    outbound payloads larger than this are never sent (broker max_packet_size)
 * @param outbox             durable outbox for alerts and command results
 * @param dji                DJI Cloud API drones on the same broker
 */
public record MqttConfig(
        boolean enabled,
        String url,
        String username,
        String password,
        String clientId,
        String topicPrefix,
        Embedded embedded,
        Tls tls,
        double telemetryRateHz,
        int keepAliveSeconds,
        long sessionExpirySeconds,
        int maxInflight,
        double reconnectMaxSeconds,
        int maxInboundBytes,
        int maxPayloadBytes,
        Outbox outbox,
        Dji dji) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    /** The embedded broker (HiveMQ CE, in memory): bind address and port. */
    public record Embedded(String bind, int port) {
    }

    /**
     * TLS for {@code ssl://} URLs: the server is always verified (CA file, PEM; empty means the JVM's
     * trust store) including its host name; a client certificate is optional (PKCS#12 key store).
     */
    public record Tls(String caFile, String clientKeyStore, String clientKeyStorePassword) {
    }

    /**
     * The durable outbox (alerts, command results) under {@code <gateway.dataDir>/outbox}.
     *
     * @param maxBytes          disk quota; new messages are refused (counted, alarmed) beyond it
     * @param highWaterPercent  alarm when usage passes this share of {@code maxBytes}
     * @param segmentBytes      log segment size; acknowledged segments are deleted whole
     * @param ackRequired       keep each message until the command centre acknowledges it on the ack topic
     * @param ackTimeoutSeconds re-publish an unacknowledged message after this long
     */
    public record Outbox(long maxBytes, int highWaterPercent, long segmentBytes, boolean ackRequired,
                         double ackTimeoutSeconds) {
    }

    /**
     * DJI Cloud API drones (docks, pilot apps) reporting to the same broker.
     *
     * @param staleSeconds a DJI drone with no osd for this long is reported stale, after 3x offline
     */
    public record Dji(boolean enabled, double staleSeconds) {
    }

    public static MqttConfig defaults() {
        return new MqttConfig(true, null, null, null, null, "skypatrol/v1",
                new Embedded("127.0.0.1", 1883), new Tls(null, null, null),
                2.0, 10, 3600, 100, 30, 16 * 1024, 256 * 1024,
                new Outbox(64L * 1024 * 1024, 80, 4L * 1024 * 1024, false, 30),
                new Dji(true, 5));
    }

    /** True when the gateway starts its own broker. */
    public boolean embeddedBroker() {
        return url == null || url.isBlank();
    }

    void validate(Problems p) {
        if (!enabled) {
            return;
        }
        if (!embeddedBroker()) {
            p.check(url.matches("(tcp|ssl|mqtt|mqtts)://[^/\\s]+(:\\d+)?/?"), "mqtt.url",
                    "must be tcp://host:port or ssl://host:port, was '" + url + "'");
            boolean tlsUrl = url.startsWith("ssl://") || url.startsWith("mqtts://");
            boolean tlsConfigured = tls != null && (tls.caFile() != null || tls.clientKeyStore() != null);
            p.check(!tlsConfigured || tlsUrl, "mqtt.tls",
                    "is set but mqtt.url is not ssl://: refusing a plaintext connection");
        }
        p.check(clientId == null || clientId.matches("[A-Za-z0-9_.-]{1,64}"), "mqtt.clientId",
                "must be 1-64 characters of A-Z a-z 0-9 _ - .");
        p.check(topicPrefix != null && PREFIX.matcher(topicPrefix).matches(), "mqtt.topicPrefix",
                "must be levels of A-Z a-z 0-9 _ - . separated by '/', without wildcards, was '" + topicPrefix + "'");
        p.check(embedded != null, "mqtt.embedded", "is required");
        if (embedded != null) {
            p.checkPort(embedded.port(), "mqtt.embedded.port");
        }
        p.check(telemetryRateHz > 0 && telemetryRateHz <= 100, "mqtt.telemetryRateHz", "must be in (0, 100]");
        p.check(keepAliveSeconds >= 1 && keepAliveSeconds <= 65535, "mqtt.keepAliveSeconds", "must be 1..65535");
        p.check(sessionExpirySeconds >= 0 && sessionExpirySeconds <= 0xFFFFFFFFL, "mqtt.sessionExpirySeconds",
                "must be 0..4294967295");
        p.check(maxInflight >= 1 && maxInflight <= 65535, "mqtt.maxInflight", "must be 1..65535");
        p.checkPositive(reconnectMaxSeconds, "mqtt.reconnectMaxSeconds");
        p.check(maxInboundBytes >= 256, "mqtt.maxInboundBytes", "must be >= 256");
        p.check(maxPayloadBytes >= 1024, "mqtt.maxPayloadBytes", "must be >= 1024");
        p.check(outbox != null, "mqtt.outbox", "is required");
        if (outbox != null) {
            p.check(outbox.maxBytes() >= 4096, "mqtt.outbox.maxBytes", "must be >= 4096");
            p.check(outbox.highWaterPercent() >= 1 && outbox.highWaterPercent() <= 100,
                    "mqtt.outbox.highWaterPercent", "must be 1..100");
            p.check(outbox.segmentBytes() >= 1024 && outbox.segmentBytes() <= outbox.maxBytes(),
                    "mqtt.outbox.segmentBytes", "must be >= 1024 and <= maxBytes");
            p.checkPositive(outbox.ackTimeoutSeconds(), "mqtt.outbox.ackTimeoutSeconds");
        }
        p.check(dji != null, "mqtt.dji", "is required");
        if (dji != null) {
            p.checkPositive(dji.staleSeconds(), "mqtt.dji.staleSeconds");
        }
    }
}
