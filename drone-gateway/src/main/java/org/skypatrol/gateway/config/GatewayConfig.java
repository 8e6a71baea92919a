package org.skypatrol.gateway.config;

import java.nio.file.Path;

/**
 * The whole gateway configuration: one YAML file (sample in {@code samples/config/gateway.yaml}),
 * every key overridable by {@code --set a.b=c} and by environment variables {@code SKYPATROL_A_B}.
 * Each section owns its defaults and its validation.
 */
public record GatewayConfig(
        Gateway gateway,
        MavlinkConfig mavlink,
        MqttConfig mqtt,
        VideoConfig video,
        AnalyticsConfig analytics,
        BroadcastConfig broadcast,
        MetricsConfig metrics) {

    /**
     * A configuration without a {@code metrics} section (built in code, e.g. by tests): the metrics
     * endpoint is off, so nothing binds its fixed default port unasked. Code that copies a loaded
     * configuration passes {@code loaded.metrics()} to the canonical constructor instead.
     */
    public GatewayConfig(Gateway gateway, MavlinkConfig mavlink, MqttConfig mqtt, VideoConfig video,
                         AnalyticsConfig analytics, BroadcastConfig broadcast) {
        this(gateway, mavlink, mqtt, video, analytics, broadcast, MetricsConfig.off());
    }

    /** Identity and storage of this gateway. */
    public record Gateway(String id, String dataDir, int httpPort) {

        /** The data folder (recordings, store, outbox) as a path. */
        public Path dataPath() {
            return Path.of(dataDir);
        }

        static Gateway defaults() {
            return new Gateway("gw-1", "var", 8080);
        }

        void validate(Problems p) {
            p.check(id != null && id.matches("[A-Za-z0-9_-]{1,64}"), "gateway.id",
                    "must be 1-64 characters of A-Z a-z 0-9 _ -, was '" + id + "'");
            p.check(dataDir != null && !dataDir.isBlank(), "gateway.dataDir", "is required");
            p.checkPort(httpPort, "gateway.httpPort");
        }
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(Gateway.defaults(), MavlinkConfig.defaults(), MqttConfig.defaults(),
                VideoConfig.defaults(), AnalyticsConfig.defaults(), BroadcastConfig.defaults(),
                MetricsConfig.defaults());
    }

    /** Every problem of every section. */
    public Problems validate() {
        Problems p = new Problems();
        gateway.validate(p);
        mavlink.validate(p);
        mqtt.validate(p);
        video.validate(p);
        analytics.validate(p, video); // issue 5: analytics entries name video sources
        broadcast.validate(p);
        if (p.check(metrics != null, "metrics", "is required")) {
            metrics.validate(p);
        }
        return p;
    }
}
