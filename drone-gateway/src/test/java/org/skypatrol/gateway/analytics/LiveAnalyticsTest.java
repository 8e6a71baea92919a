package org.skypatrol.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.config.AnalyticsConfig;
import org.skypatrol.gateway.config.ConfigException;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.demo.DemoPorts;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.mqtt.AlertPayload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The gateway with a file source and a scene: live alerts on the bus, in the store, on MQTT. */
class LiveAnalyticsTest {

    @TempDir
    Path dir;

    /** The gateway's defaults with every port free, one file source analysed against the clip's scene. */
    private GatewayConfig config(boolean realTime, double fps, boolean mqtt, int mqttPort) {
        GatewayConfig d = GatewayConfig.defaults();
        Path clip = LiveClips.speeding();
        VideoConfig video = LiveClips.video(List.of(
                new VideoConfig.Source("cam-1", clip.resolve("video.mp4").toString(), false, realTime, null, 5)));
        MqttConfig m = d.mqtt();
        MqttConfig mq = new MqttConfig(mqtt, m.url(), m.username(), m.password(), m.clientId(), m.topicPrefix(),
                new MqttConfig.Embedded("127.0.0.1", mqttPort), m.tls(), m.telemetryRateHz(), m.keepAliveSeconds(),
                m.sessionExpirySeconds(), m.maxInflight(), m.reconnectMaxSeconds(), m.maxInboundBytes(),
                m.maxPayloadBytes(), m.outbox(), m.dji());
        AnalyticsConfig a = new AnalyticsConfig(true, List.of(new AnalyticsConfig.Source("cam-1",
                clip.resolve("scene.yaml").toString(), fps, null, null, null)));
        GatewayConfig.Gateway g = new GatewayConfig.Gateway("gw-test", dir.resolve("var").toString(), 0);
        GatewayConfig cfg = new GatewayConfig(g, DemoPorts.mavlink(d.mavlink(), true), mq, video, a, d.broadcast());
        assertThat(cfg.validate().list()).isEmpty();
        return cfg;
    }

    @Test
    void fileSourceWithScene_alertPublishedStoredWithSnapshotAndSentOnMqtt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GatewayConfig cfg = config(true, 5, true, port);
        List<AlertPayload> onBus = new CopyOnWriteArrayList<>();
        List<JsonNode> onMqtt = new CopyOnWriteArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Wiring w = new Wiring(cfg, Clock.systemUTC())) {
            w.events().subscribe(AlertEvent.class, e -> onBus.add(e.alert()));
            w.start();
            MqttClient sub = new MqttClient("tcp://127.0.0.1:" + port, "live-test-sub", new MemoryPersistence());
            try {
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setConnectionTimeout(10);
                sub.connect(o);
                // the array form: Paho v5's subscribe(String, int, listener) recurses into itself
                sub.subscribe(new MqttSubscription[] {new MqttSubscription("skypatrol/v1/alerts/cam-1", 1)},
                        new IMqttMessageListener[] {(topic, m) -> onMqtt.add(json.readTree(m.getPayload()))});
                Await.until(Duration.ofSeconds(40), () -> onBus.stream().anyMatch(a -> a.behaviour().equals("speeding")
                        && a.phase() == AlertPayload.Phase.START), () -> "speeding start on the bus; saw " + onBus
                        + "; " + w.analytics().summary());
                AlertPayload start = onBus.stream().filter(a -> a.behaviour().equals("speeding")
                        && a.phase() == AlertPayload.Phase.START).findFirst().orElseThrow();
                assertThat(start.sourceId()).isEqualTo("cam-1");
                assertThat(start.alertId()).startsWith("cam-1-");
                assertThat(start.zoneId()).isEqualTo("nb-lane-1");
                assertThat(start.objects()).isNotEmpty().allSatisfy(o2 -> assertThat(o2.speedMps()).isNotNull());
                // the car does 75 km/h (20.8 m/s) where the limit is 50 (13.9 m/s)
                assertThat(start.objects().get(0).speedMps()).isGreaterThan(14.0);
                assertThat(start.ground()).isNotNull();
                assertThat(start.ground().latitudeDeg()).isBetween(38.0, 39.0);
                assertThat(start.ground().longitudeDeg()).isBetween(106.0, 107.0);
                assertThat(start.startedAt()).isEqualTo(start.time());
                // the clip: where the video part's evidence export writes it when the alert ends
                assertThat(Path.of(start.clipRef())).isEqualTo(cfg.gateway().dataPath().resolve("evidence")
                        .resolve(start.alertId()).resolve("clip.mp4"));
                Path snapshot = Path.of(start.snapshotRef());
                assertThat(snapshot).startsWith(cfg.gateway().dataPath().resolve("evidence").resolve("cam-1"));
                assertThat(start.snapshotRef()).endsWith("-start.jpg");
                assertThat(Files.size(snapshot)).isGreaterThan(1000);
                byte[] head = Files.readAllBytes(snapshot);
                assertThat(head[0] & 0xff).isEqualTo(0xFF);          // JPEG SOI
                assertThat(head[1] & 0xff).isEqualTo(0xD8);

                List<AlertStore.StoredAlert> stored = w.analytics().store().find("cam-1", "speeding",
                        Instant.now().minusSeconds(600), Instant.now().plusSeconds(60));
                assertThat(stored).extracting(AlertStore.StoredAlert::alertId).contains(start.alertId());
                AlertStore.StoredAlert row = stored.stream().filter(r -> r.alertId().equals(start.alertId()))
                        .findFirst().orElseThrow();
                assertThat(row.snapshotRef()).isEqualTo(start.snapshotRef());
                assertThat(row.zoneId()).isEqualTo("nb-lane-1");
                assertThat(w.analytics().store().find("cam-1", "no_such_behaviour", Instant.EPOCH,
                        Instant.now().plusSeconds(60))).isEmpty();

                Await.until(Duration.ofSeconds(20), () -> onMqtt.stream().anyMatch(n ->
                        start.alertId().equals(n.path("alertId").asText()) && "start".equals(n.path("phase").asText())),
                        () -> "alert " + start.alertId() + " on MQTT; got " + onMqtt);
                JsonNode m = onMqtt.stream().filter(n -> start.alertId().equals(n.path("alertId").asText()))
                        .findFirst().orElseThrow();
                assertThat(m.path("behaviour").asText()).isEqualTo("speeding");
                assertThat(m.path("snapshotRef").asText()).isEqualTo(start.snapshotRef());
                assertThat(m.path("messageId").asText()).isNotBlank();
            } finally {
                if (sub.isConnected()) {
                    sub.disconnect();
                }
                sub.close();
            }
        }
        // closing ended every open alert: each start has its end, in the store too
        long starts = onBus.stream().filter(a -> a.phase() == AlertPayload.Phase.START).count();
        long ends = onBus.stream().filter(a -> a.phase() == AlertPayload.Phase.END).count();
        assertThat(ends).isEqualTo(starts);
    }

    @Test
    void slowAnalysis_dropsOldestFramesAndNeverStallsTheSource() throws Exception {
        // decode as fast as possible (not paced), analyse every frame, and hold the analysis on its
        // first frame until the grabber has read the whole file
        GatewayConfig cfg = config(false, 30, false, 0);
        CountDownLatch release = new CountDownLatch(1);
        long[] dropped = new long[1];
        try (Wiring w = new Wiring(cfg, Clock.systemUTC())) {
            LiveAnalytics live = w.analytics();
            live.beforeAnalysis(f -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            w.start();
            try {
                Await.until(Duration.ofSeconds(30), () -> live.counters().get(0).state().equals("ended"),
                        live::summary);
                SourceCounters c = live.counters().get(0);
                assertThat(c.decoded()).isEqualTo(LiveClips.FRAMES);
                assertThat(c.analysed()).isZero();
                // at most one frame held by the blocked analysis, the queue full, every other frame
                // dropped oldest-first (the analysis thread may not have taken its first frame yet)
                assertThat(c.dropped()).isBetween((long) LiveClips.FRAMES - 1 - SourceAnalysis.QUEUE_FRAMES,
                        (long) LiveClips.FRAMES - SourceAnalysis.QUEUE_FRAMES);
                dropped[0] = c.dropped();
            } finally {
                release.countDown();
            }
            // nothing lost beyond what was counted: every frame not dropped is analysed
            Await.until(Duration.ofSeconds(30), () -> live.counters().get(0).analysed() == LiveClips.FRAMES - dropped[0],
                    live::summary);
        }
    }

    @Test
    void sceneWithErrors_configAndStartupListEveryProblemWithItsLine() throws Exception {
        Path scene = dir.resolve("bad.yaml");
        Files.writeString(scene, """
                id: bad
                camera:
                  type: fixed
                  width: 640
                  height: 360
                  calibration:
                    - {pixel: [0, 0], ground: [0, 0]}
                zones:
                  - id: z1
                    kind: no_such_kind
                    metres: [[0, 0], [1, 0], [1, 1]]
                """, StandardCharsets.UTF_8);
        Path yaml = dir.resolve("gateway.yaml");
        Files.writeString(yaml, """
                video:
                  sources:
                    - {id: cam-1, url: "%s"}
                analytics:
                  enabled: true
                  sources:
                    - {sourceId: cam-1, scene: "%s"}
                    - {sourceId: cam-9, scene: "%s", detector: ONNX}
                """.formatted(LiveClips.speeding().resolve("video.mp4"), scene, dir.resolve("missing.yaml")));
        assertThatThrownBy(() -> new ConfigLoader().load(yaml, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("analytics.sources[0].scene")
                .hasMessageContaining("line 7")                       // one calibration pair, 4 needed
                .hasMessageContaining("line 10")                      // unknown zone kind
                .hasMessageContaining("analytics.sources[1].sourceId")
                .hasMessageContaining("no video source 'cam-9'")
                .hasMessageContaining("analytics.sources[1].model")
                .hasMessageContaining("cannot read scene file " + dir.resolve("missing.yaml"));

        // a configuration built in code (no loader) fails at start-up with the same list
        GatewayConfig good = config(false, 5, false, 0);
        GatewayConfig bad = new GatewayConfig(good.gateway(), good.mavlink(), good.mqtt(), good.video(),
                new AnalyticsConfig(true, List.of(new AnalyticsConfig.Source("cam-1", scene.toString(), 5.0,
                        null, null, null))), good.broadcast());
        try (Wiring w = new Wiring(bad, Clock.systemUTC())) {
            assertThatThrownBy(w::start).hasMessageContaining("live analytics cannot start")
                    .hasMessageContaining("cam-1").hasMessageContaining("line 7").hasMessageContaining("line 10");
        }
    }

    @Test
    void committedDemoScene_isTheSceneRenderedWithTheDemoClip() throws Exception {
        Path committed = Path.of("..", "samples", "scenes", "demo-motorway.yaml");
        String text = Files.readString(committed, StandardCharsets.UTF_8);
        String rendered = Files.readString(LiveClips.speeding().resolve("scene.yaml"), StandardCharsets.UTF_8);
        // the committed copy adds two comment lines on top
        assertThat(text.lines().skip(2).toList()).isEqualTo(rendered.lines().toList());
        assertThat(org.skypatrol.analytics.scene.SceneParser.parse(committed).zones()).isNotEmpty();
    }
}
