package org.skypatrol.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.protocols.mqtt.Topics;

/** The bridge against the embedded broker (HiveMQ CE), with real Paho clients as the command centre. */
class MqttBridgeEmbeddedTest {

    private static EmbeddedBroker broker;
    @TempDir
    Path dir;
    private EventBus bus;
    private MqttBridge bridge;
    private TestClient cc;
    private final Topics topics = Topics.withDefaultPrefix();

    @BeforeAll
    static void startBroker(@TempDir Path home) throws Exception {
        broker = new EmbeddedBroker("127.0.0.1", 0, home);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void start() throws Exception {
        bus = new EventBus();
        bridge = Fixtures.bridge(Fixtures.config(broker.url(), false, 30, 1 << 20), "gw-e", dir.resolve("outbox"), bus);
        bridge.start();
        cc = TestClient.connect(broker.url(), "cc-" + System.nanoTime()).subscribe("skypatrol/v1/#", 1);
    }

    @AfterEach
    void stop() {
        cc.close();
        bridge.close();
    }

    @Test
    void telemetry_fastInput_rateLimitedToLatestAndSchemaValid() {
        Instant t0 = Instant.now();
        bus.publish(new DroneStatusEvent("d1", DroneStatusEvent.LinkState.ONLINE, t0, "udp"));
        for (int i = 0; i < 50; i++) {
            bus.publish(new TelemetryEvent(Fixtures.telemetry("d1", 31.0 + i * 1e-4, t0.plusMillis(i))));
        }
        String topic = topics.telemetry("d1");
        Await.until(Duration.ofSeconds(5), "coalesced last sample", () -> cc.on(topic).stream()
                .anyMatch(r -> Math.abs(r.json().path("position").path("latitudeDeg").asDouble() - (31.0 + 49e-4)) < 1e-9));
        // 50 samples within a few ms at 2 Hz: the first goes out at once, the rest coalesce into one
        assertThat(cc.on(topic)).hasSizeLessThanOrEqualTo(3);
        assertThat(bridge.metrics().get(MqttMetrics.TELEMETRY_COALESCED)).isGreaterThan(40);
        cc.on(topic).forEach(r -> PayloadSchemas.assertValid(r.json()));
    }

    @Test
    void status_lateSubscriber_seesRetainedDroneAndGatewayStatus() throws Exception {
        bus.publish(new DroneStatusEvent("d2", DroneStatusEvent.LinkState.STALE, Instant.now(), "udp"));
        Await.until(Duration.ofSeconds(5), "status", () -> !cc.on(topics.droneStatus("d2")).isEmpty());
        try (TestClient late = TestClient.connect(broker.url(), "late-" + System.nanoTime())
                .subscribe("skypatrol/v1/+/+/status", 1)) {
            Await.until(Duration.ofSeconds(5), "retained statuses", () ->
                    !late.on(topics.droneStatus("d2")).isEmpty() && !late.on(topics.gatewayStatus("gw-e")).isEmpty());
            TestClient.Received drone = late.on(topics.droneStatus("d2")).get(0);
            assertThat(drone.retained()).isTrue();
            assertThat(drone.json().get("state").asText()).isEqualTo("stale");
            PayloadSchemas.assertValid(drone.json());
            JsonNode gw = late.on(topics.gatewayStatus("gw-e")).get(0).json();
            assertThat(gw.get("state").asText()).isEqualTo("online");
            PayloadSchemas.assertValid(gw);
        }
    }

    @Test
    void cameraStatus_fromVideoEvents_retainedAndSchemaValid() throws Exception {
        bus.publish(new org.skypatrol.gateway.events.CameraStatusEvent("cam-9",
                org.skypatrol.gateway.events.CameraStatusEvent.State.STREAMING, 24.8, Instant.now(), 1200, 3, 1, true,
                null, Instant.now()));
        try (TestClient late = TestClient.connect(broker.url(), "late-cam-" + System.nanoTime())) {
            Await.until(Duration.ofSeconds(5), "camera status", () -> !cc.on(topics.cameraStatus("cam-9")).isEmpty());
            late.subscribe(topics.cameraStatus("cam-9"), 1);
            Await.until(Duration.ofSeconds(5), "retained camera status", () -> !late.on(topics.cameraStatus("cam-9")).isEmpty());
            JsonNode c = late.on(topics.cameraStatus("cam-9")).get(0).json();
            assertThat(c.get("state").asText()).isEqualTo("streaming");
            assertThat(c.get("fps").asDouble()).isEqualTo(24.8);
            assertThat(c.get("recording").asBoolean()).isTrue();
            PayloadSchemas.assertValid(c);
        }
    }

    @Test
    void alerts_viaOutbox_inOrderWithStableIdsAndSchemaValid() {
        for (int i = 0; i < 20; i++) {
            bus.publish(new AlertEvent(Fixtures.alert("al-" + i, i, "cam-1")));
        }
        String topic = topics.alerts("cam-1");
        // at least once: de-duplicate by messageId, then the first occurrences are in order
        java.util.function.Supplier<java.util.List<JsonNode>> unique = () -> cc.on(topic).stream().map(TestClient.Received::json)
                .filter(distinctBy()).toList();
        Await.until(Duration.ofSeconds(10), "20 alerts", () -> unique.get().size() >= 20);
        for (int i = 0; i < 20; i++) {
            JsonNode a = unique.get().get(i);
            assertThat(a.get("alertId").asText()).isEqualTo("al-" + i);
            assertThat(a.get("messageId").asText()).isEqualTo("gw-e-" + (i + 1));
            PayloadSchemas.assertValid(a);
        }
        Await.until(Duration.ofSeconds(5), "outbox drained", () -> bridge.outbox().pendingCount() == 0);
    }

    private static java.util.function.Predicate<JsonNode> distinctBy() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return j -> seen.add(j.get("messageId").asText());
    }

    @Test
    void broadcast_knownDrone_rejectedNotImplementedVisibly() throws Exception {
        bus.publish(new DroneStatusEvent("d3", DroneStatusEvent.LinkState.ONLINE, Instant.now(), "udp"));
        cc.publish(topics.broadcastCommand("d3"), """
                {"schema":"skypatrol.broadcast-request/1","time":"2026-11-22T23:00:00Z","commandId":"c-1","text":"Please move on"}""", 1);
        String result = topics.commandResult("d3");
        Await.until(Duration.ofSeconds(5), "result", () -> !cc.on(result).isEmpty());
        JsonNode r = cc.on(result).get(0).json();
        assertThat(r.get("commandId").asText()).isEqualTo("c-1");
        assertThat(r.get("status").asText()).isEqualTo("rejected");
        assertThat(r.get("reason").asText()).isEqualTo("not implemented");
        PayloadSchemas.assertValid(r);
    }

    @Test
    void broadcast_invalidCommands_eachRejectedWithReason() throws Exception {
        bus.publish(new DroneStatusEvent("d4", DroneStatusEvent.LinkState.ONLINE, Instant.now(), "udp"));
        bus.publish(new DroneStatusEvent("d5", DroneStatusEvent.LinkState.OFFLINE, Instant.now(), "udp"));
        String ok = "{\"schema\":\"skypatrol.broadcast-request/1\",\"time\":\"2026-11-22T23:00:00Z\",";
        cc.publish(topics.broadcastCommand("nosuch"), ok + "\"commandId\":\"c-u\",\"text\":\"x\"}", 1);
        cc.publish(topics.broadcastCommand("d5"), ok + "\"commandId\":\"c-off\",\"text\":\"x\"}", 1);
        cc.publish(topics.broadcastCommand("d4"), "{not json", 1);
        cc.publish(topics.broadcastCommand("d4"), ok + "\"commandId\":\"c-big\",\"text\":\"" + "y".repeat(20_000) + "\"}", 1);
        cc.publish(topics.broadcastCommand("d4"), ok + "\"commandId\":\"c-both\",\"text\":\"x\",\"clipId\":\"k\"}", 1);
        cc.publish(topics.broadcastCommand("d4"), ok + "\"commandId\":\"c-vol\",\"text\":\"x\",\"volume\":300}", 1);
        Await.until(Duration.ofSeconds(5), "6 rejections", () ->
                cc.on(topics.commandResult("nosuch")).size() + cc.on(topics.commandResult("d5")).size()
                        + cc.on(topics.commandResult("d4")).size() >= 6);
        assertThat(cc.on(topics.commandResult("nosuch")).get(0).json().get("reason").asText()).contains("unknown drone");
        assertThat(cc.on(topics.commandResult("d5")).get(0).json().get("reason").asText()).contains("offline");
        assertThat(cc.on(topics.commandResult("d4")).stream().map(r -> r.json().get("reason").asText()))
                .anySatisfy(s -> assertThat(s).contains("malformed JSON"))
                .anySatisfy(s -> assertThat(s).contains("too large"))
                .anySatisfy(s -> assertThat(s).contains("exactly one of text and clipId"))
                .anySatisfy(s -> assertThat(s).contains("volume"));
        assertThat(bridge.metrics().get(MqttMetrics.COMMANDS_REJECTED)).isEqualTo(6);
        cc.on(topics.commandResult("d4")).forEach(r -> assertThat(r.json().get("status").asText()).isEqualTo("rejected"));
    }

    @Test
    void broadcast_duplicateCommandId_answeredFromCacheNotResubmitted() throws Exception {
        bus.publish(new DroneStatusEvent("d6", DroneStatusEvent.LinkState.ONLINE, Instant.now(), "udp"));
        String cmd = "{\"schema\":\"skypatrol.broadcast-request/1\",\"time\":\"2026-11-22T23:00:00Z\",\"commandId\":\"dup-1\",\"text\":\"x\"}";
        cc.publish(topics.broadcastCommand("d6"), cmd, 1);
        Await.until(Duration.ofSeconds(5), "first result", () -> !cc.on(topics.commandResult("d6")).isEmpty());
        cc.publish(topics.broadcastCommand("d6"), cmd, 1);
        Await.until(Duration.ofSeconds(5), "second result", () -> cc.on(topics.commandResult("d6")).size() >= 2);
        assertThat(bridge.metrics().get(MqttMetrics.COMMANDS_DUPLICATE)).isEqualTo(1);
        assertThat(cc.on(topics.commandResult("d6")).get(1).json().get("status").asText()).isEqualTo("rejected");
    }

    @Test
    void dji_osdOnSameBroker_becomesTelemetryAndOnlineStatus() throws Exception {
        byte[] osd = getClass().getResourceAsStream("/dji/aircraft-osd.synthetic.json").readAllBytes();
        Instant beforePublish = Instant.now();
        cc.publish(Topics.djiOsd("1581F5BKD225D00BCFSY"), new String(osd), 0);
        cc.publish(Topics.djiOsd("1581F5BKD225D00BCFSY"), "{broken", 0);
        String tel = topics.telemetry("1581F5BKD225D00BCFSY");
        Await.until(Duration.ofSeconds(5), "DJI telemetry", () -> !cc.on(tel).isEmpty());
        JsonNode t = cc.on(tel).get(0).json();
        assertThat(t.get("source").asText()).isEqualTo("dji");
        assertThat(t.get("position").get("latitudeDeg").asDouble()).isEqualTo(22.579339);
        // the time is the gateway's receive of the DJI message (not the fixture's own timestamp)
        assertThat(Instant.parse(t.get("time").asText())).isBetween(beforePublish, Instant.now());
        PayloadSchemas.assertValid(t);
        Await.until(Duration.ofSeconds(5), "DJI status", () -> !cc.on(topics.droneStatus("1581F5BKD225D00BCFSY")).isEmpty());
        assertThat(cc.on(topics.droneStatus("1581F5BKD225D00BCFSY")).get(0).json().get("transport").asText()).isEqualTo("dji");
        Await.until(Duration.ofSeconds(5), "malformed counted", () -> bridge.metrics().get(MqttMetrics.DJI_MALFORMED) == 1);
        // no osd for 3x staleSeconds (1 s in this config): offline
        Await.until(Duration.ofSeconds(8), "DJI offline", () -> cc.on(topics.droneStatus("1581F5BKD225D00BCFSY")).stream()
                .anyMatch(r -> r.json().get("state").asText().equals("offline")));
    }
}
