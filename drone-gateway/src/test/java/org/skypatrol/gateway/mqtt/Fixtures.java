package org.skypatrol.gateway.mqtt;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.telemetry.Telemetry;

/** Test data and a bridge factory. */
final class Fixtures {

    private Fixtures() {
    }

    static MqttConfig config(String url, boolean ackRequired, double ackTimeoutSeconds, long outboxBytes) {
        return config(url, ackRequired, ackTimeoutSeconds, outboxBytes, 5);
    }

    /** Keep alive 5 s by default: 2 s lets a CPU-starved CI machine drop connections (3 s without packets). */
    static MqttConfig config(String url, boolean ackRequired, double ackTimeoutSeconds, long outboxBytes,
                             int keepAliveSeconds) {
        MqttConfig d = MqttConfig.defaults();
        return new MqttConfig(true, url, null, null, null, d.topicPrefix(), d.embedded(), d.tls(), 2.0,
                keepAliveSeconds, 3600, 100, 1,
                d.maxInboundBytes(), d.maxPayloadBytes(),
                new MqttConfig.Outbox(outboxBytes, 80, Math.min(outboxBytes, 64 * 1024), ackRequired, ackTimeoutSeconds),
                new MqttConfig.Dji(true, 1));
    }

    static MqttConfig withCredentials(MqttConfig c, String user, String pw, String clientId) {
        return new MqttConfig(c.enabled(), c.url(), user, pw, clientId, c.topicPrefix(), c.embedded(), c.tls(),
                c.telemetryRateHz(), c.keepAliveSeconds(), c.sessionExpirySeconds(), c.maxInflight(),
                c.reconnectMaxSeconds(), c.maxInboundBytes(), c.maxPayloadBytes(), c.outbox(), c.dji());
    }

    static MqttConfig withTls(MqttConfig c, MqttConfig.Tls tls) {
        return new MqttConfig(c.enabled(), c.url(), c.username(), c.password(), c.clientId(), c.topicPrefix(),
                c.embedded(), tls, c.telemetryRateHz(), c.keepAliveSeconds(), c.sessionExpirySeconds(),
                c.maxInflight(), c.reconnectMaxSeconds(), c.maxInboundBytes(), c.maxPayloadBytes(), c.outbox(), c.dji());
    }

    static MqttBridge bridge(MqttConfig c, String gatewayId, Path outbox, EventBus bus) {
        return new MqttBridge(c, gatewayId, outbox, c::url, bus, Clock.systemUTC(),
                new NotImplementedBroadcastHandler(bus, Clock.systemUTC()));
    }

    static Telemetry telemetry(String droneId, double lat, Instant t) {
        return new Telemetry(droneId, Telemetry.Source.MAVLINK, t, new Telemetry.Position(lat, 121.47, 40.0, 30.0),
                90.0, new Telemetry.Velocity(1.0, 0.5, 0.0, 1.1, null), new Telemetry.Attitude(1, 2, 90),
                new Telemetry.Battery(15.2, 3.1, 77.0), new Telemetry.Gnss(3, 14, 0.8), "AUTO", true,
                new Telemetry.Gimbal(0, -90, 90), new Telemetry.CameraFov(80, 50));
    }

    static AlertPayload alert(String alertId, int n, String source) {
        Instant t = Instant.parse("2026-11-22T23:00:00Z").plusMillis(n);
        return AlertPayload.of(t, alertId, AlertPayload.Phase.START, "illegal_parking", AlertPayload.Severity.MEDIUM,
                source, "z1", List.of(new AlertPayload.AlertObject(n, "car", new AlertPayload.BoundingBox(10, 20, 30, 40), 0.0)),
                new AlertPayload.GroundPosition(1.0, 2.0, 31.2, 121.5), "snap/" + n + ".jpg", "clip/" + n + ".mp4", t);
    }
}
