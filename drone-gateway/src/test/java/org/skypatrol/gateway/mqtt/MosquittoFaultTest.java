package org.skypatrol.gateway.mqtt;

import org.skypatrol.gateway.testing.Mosquitto;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.protocols.mqtt.AckPayload;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.mqtt.PayloadJson;
import org.skypatrol.protocols.mqtt.Topics;

/** FAULTS.md D3 (Q1-Q6, Q10, Q11) against a real Mosquitto started by the test; sizes scaled to seconds. */
class MosquittoFaultTest {

    @TempDir
    Path dir;
    private final Topics topics = Topics.withDefaultPrefix();
    private final List<AutoCloseable> closeMe = new CopyOnWriteArrayList<>();
    private final EventBus bus = new EventBus();
    private MqttBridge lastBridge;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = closeMe.size() - 1; i >= 0; i--) {
            closeMe.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        closeMe.add(c);
        return c;
    }

    private MqttBridge bridge(MqttConfig c) throws Exception {
        MqttBridge b = Fixtures.bridge(c, "gw-1", dir.resolve("outbox"), bus);
        b.start();
        lastBridge = b;
        closeMe.add(b::close);
        return b;
    }

    /** The command centre: persistent session; acknowledges every alert id from its own thread when asked. */
    private TestClient commandCentre(String url, boolean ack) throws Exception {
        TestClient cc = keep(TestClient.connect(url, "cc", null, null, false)).subscribe("skypatrol/v1/#", 1);
        if (ack) {
            ScheduledExecutorService acker = Executors.newSingleThreadScheduledExecutor();
            closeMe.add(acker::shutdownNow);
            int[] done = {0};
            acker.scheduleWithFixedDelay(() -> {
                // acknowledge every receipt, duplicates included (a lost ack is answered by a re-publish);
                // QoS 0 keeps Paho's own in-flight state out of the way when the broker loses the session
                List<TestClient.Received> all = List.copyOf(cc.received);
                List<String> fresh = all.subList(done[0], all.size()).stream()
                        .filter(r -> r.topic().startsWith("skypatrol/v1/alerts/"))
                        .map(r -> r.json().path("messageId").asText()).toList();
                if (cc.client.isConnected()) {
                    try {
                        if (!fresh.isEmpty()) {
                            cc.client.publish(topics.gatewayAcks("gw-1"),
                                    PayloadJson.toBytes(AckPayload.of(Instant.now(), fresh)), 0, false);
                        }
                        done[0] = all.size();
                    } catch (MqttException e) {
                        // retried on the next pass
                    }
                }
            }, 20, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return cc;
    }

    private static Set<String> alertIds(TestClient cc) {
        Set<String> ids = new HashSet<>();
        cc.received.stream().filter(r -> r.topic().startsWith("skypatrol/v1/alerts/"))
                .forEach(r -> ids.add(r.json().get("alertId").asText()));
        return ids;
    }

    /** Runs alerts and telemetry into the bus while {@code during} stops and restarts the broker. */
    private void streamThroughOutage(Mosquitto broker, TestClient cc, int alerts, boolean sigkill) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread telemetry = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                bus.publish(new TelemetryEvent(Fixtures.telemetry("d1", 31 + i++ * 1e-5, Instant.now())));
                try {
                    Thread.sleep(20); // a 50 Hz producer
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        telemetry.start();
        try {
            for (int i = 0; i < alerts; i++) {
                bus.publish(new AlertEvent(Fixtures.alert("al-" + i, i, "cam-1")));
                if (i == alerts / 3) {
                    if (sigkill) {
                        broker.kill();
                    } else {
                        broker.terminate();
                    }
                }
                if (i == 2 * alerts / 3) {
                    broker.start();
                }
                Thread.sleep(5); // paced producer
            }
            try {
                Await.until(Duration.ofSeconds(30), "every alert at the command centre", () -> {
                    cc.reconnectNow();
                    return alertIds(cc).size() == alerts;
                });
            } catch (AssertionError e) {
                Set<String> missing = new java.util.TreeSet<>();
                for (int i = 0; i < alerts; i++) {
                    missing.add("al-" + i);
                }
                missing.removeAll(alertIds(cc));
                throw new AssertionError(e.getMessage() + "; missing " + missing + "; bridge " + lastBridge.metrics().snapshot()
                        + " pending " + lastBridge.outbox().pendingCount() + " cc connected " + cc.client.isConnected(), e);
            }
            int before = cc.on(topics.telemetry("d1")).size();
            try {
                Await.until(Duration.ofSeconds(10), "telemetry resumes", () -> cc.on(topics.telemetry("d1")).size() > before + 2);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " " + lastBridge.metrics().snapshot() + " cc " + cc.client.isConnected()
                        + " received " + cc.received.size() + " log " + broker.log().lines().filter(l -> l.contains("gw-1"))
                        .reduce((a, b2) -> b2).orElse(""), e);
            }
        } finally {
            stop.set(true);
            telemetry.join();
        }
    }

    /** Q1: broker SIGTERM + restart mid-stream: reconnect, resend, zero alert loss (dedupe by id). */
    @Test
    void q1_brokerSigtermRestart_zeroAlertLossTelemetryResumes() throws Exception {
        Mosquitto broker = keep(Mosquitto.plain(dir.resolve("broker")).start());
        MqttBridge b = bridge(Fixtures.config(broker.url(), false, 30, 1 << 22));
        bus.publish(new DroneStatusEvent("d1", DroneStatusEvent.LinkState.ONLINE, Instant.now(), "udp"));
        TestClient cc = commandCentre(broker.url(), false);
        streamThroughOutage(broker, cc, 150, false);
        assertThat(b.metrics().get(MqttMetrics.CONNECTS)).isGreaterThanOrEqualTo(2);
        assertThat(b.metrics().get(MqttMetrics.TELEMETRY_DROPPED_OFFLINE)).isPositive();
    }

    /**
     * Q2: broker SIGKILL (autosave 1800: it loses queued and retained messages) + restart: with the ack
     * topic the outbox re-publishes everything not acknowledged: zero loss; status re-published.
     */
    @Test
    void q2_brokerSigkillRestart_ackedOutboxZeroLossAndStatusRepublished() throws Exception {
        Mosquitto broker = keep(Mosquitto.plain(dir.resolve("broker")).start());
        MqttBridge b = bridge(Fixtures.config(broker.url(), true, 1, 1 << 22));
        bus.publish(new DroneStatusEvent("d1", DroneStatusEvent.LinkState.ONLINE, Instant.now(), "udp"));
        TestClient cc = commandCentre(broker.url(), true);
        streamThroughOutage(broker, cc, 150, true);
        Await.until(Duration.ofSeconds(10), "all acknowledged", () -> b.outbox().pendingCount() == 0);
        try (TestClient late = TestClient.connect(broker.url(), "late").subscribe("skypatrol/v1/+/+/status", 1)) {
            Await.until(Duration.ofSeconds(5), "retained statuses after SIGKILL", () ->
                    !late.on(topics.gatewayStatus("gw-1")).isEmpty() && !late.on(topics.droneStatus("d1")).isEmpty());
            assertThat(late.on(topics.gatewayStatus("gw-1")).get(0).json().get("state").asText()).isEqualTo("online");
        }
    }

    /** Q3 scaled: broker down while 300 alerts are raised: held on disk, drained in order afterwards. */
    @Test
    void q3_brokerDownManyAlerts_heldInOutboxDrainedInOrder() throws Exception {
        Mosquitto broker = keep(Mosquitto.plain(dir.resolve("broker")).start());
        MqttBridge b = bridge(Fixtures.config(broker.url(), false, 30, 1 << 22));
        TestClient cc = commandCentre(broker.url(), false);
        broker.terminate();
        Await.until(Duration.ofSeconds(5), "bridge sees the outage", () -> !b.isConnected());
        for (int i = 0; i < 300; i++) {
            bus.publish(new AlertEvent(Fixtures.alert("al-" + i, i, "cam-1")));
        }
        Await.until(Duration.ofSeconds(10), "300 stored", () -> b.outbox().pendingCount() == 300);
        broker.start();
        Await.until(Duration.ofSeconds(30), "300 delivered", () -> {
            cc.reconnectNow();
            return cc.unique(topics.alerts("cam-1")).size() == 300;
        });
        List<JsonNode> got = cc.unique(topics.alerts("cam-1"));
        assertThat(got).extracting(j -> j.get("alertId").asText())
                .containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(i -> "al-" + i).toList());
        got.forEach(PayloadSchemas::assertValid);
    }

    /** Q6: a tiny in-flight window: back-pressure (counted), nothing dropped, order kept. */
    @Test
    void q6_inflightWindowExhausted_backPressureNoLoss() throws Exception {
        Mosquitto broker = keep(Mosquitto.plain(dir.resolve("broker")).start());
        MqttConfig c = Fixtures.config(broker.url(), false, 30, 1 << 22);
        c = new MqttConfig(true, c.url(), null, null, null, c.topicPrefix(), c.embedded(), c.tls(), 2, 2, 3600, 12, 1,
                c.maxInboundBytes(), c.maxPayloadBytes(), c.outbox(), c.dji());
        MqttBridge b = bridge(c);
        TestClient cc = commandCentre(broker.url(), false);
        for (int i = 0; i < 200; i++) {
            bus.publish(new AlertEvent(Fixtures.alert("al-" + i, i, "cam-2")));
        }
        Await.until(Duration.ofSeconds(20), "200 delivered", () -> cc.unique(topics.alerts("cam-2")).size() == 200);
        assertThat(cc.unique(topics.alerts("cam-2"))).extracting(j -> j.get("alertId").asText())
                .containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> "al-" + i).toList());
        assertThat(b.metrics().get(MqttMetrics.OUTBOX_BACKPRESSURE_WAITS)).isPositive();
        assertThat(b.metrics().get(MqttMetrics.OUTBOX_REFUSED_FULL)).isZero();
    }

    /** Q10: an oversized alert is never sent; Q10b: if a client did send one, Mosquitto disconnects it. */
    @Test
    void q10_oversizePayload_neverSentAndBrokerWouldDisconnect() throws Exception {
        Mosquitto broker = keep(new Mosquitto(dir.resolve("broker"), "allow_anonymous true\nmax_packet_size 100000\n").start());
        MqttConfig c = Fixtures.config(broker.url(), false, 30, 1 << 22);
        c = new MqttConfig(true, c.url(), null, null, null, c.topicPrefix(), c.embedded(), c.tls(), 2, 2, 3600, 100, 1,
                c.maxInboundBytes(), 90_000, c.outbox(), c.dji());
        MqttBridge b = bridge(c);
        TestClient cc = commandCentre(broker.url(), false);
        AlertPayload big = Fixtures.alert("huge", 1, "cam-3");
        big = new AlertPayload(big.schema(), big.time(), null, "huge", big.phase(), big.behaviour(), big.severity(),
                big.sourceId(), big.zoneId(), big.objects(), big.ground(), "s".repeat(120_000), big.clipRef(), big.startedAt());
        bus.publish(new AlertEvent(big));
        bus.publish(new AlertEvent(Fixtures.alert("small", 2, "cam-3")));
        Await.until(Duration.ofSeconds(10), "the small one", () -> !cc.on(topics.alerts("cam-3")).isEmpty());
        assertThat(b.metrics().get(MqttMetrics.OUTBOX_REFUSED_OVERSIZE)).isEqualTo(1);
        assertThat(alertIds(cc)).containsExactly("small");
        assertThat(b.isConnected()).isTrue();
        // Q10b: a raw client that ignores the limit is disconnected by the broker
        TestClient raw = keep(TestClient.connect(broker.url(), "raw"));
        try {
            raw.client.publish("skypatrol/v1/alerts/cam-3", new byte[150_000], 1, false).waitForCompletion(5000);
        } catch (MqttException expected) {
            // the broker closed the connection
        }
        Await.until(Duration.ofSeconds(5), "raw client disconnected", () -> !raw.client.isConnected());
    }

    /**
     * Q11 scaled: a command centre offline/slow while 600 alerts go out. With a Mosquitto queue limit (200
     * here, 1000 by default) the broker drops QoS 1 messages; with our production setting
     * (max_queued_messages 0) nothing is lost.
     */
    @Test
    void q11_slowConsumer_brokerQueueLimitLosesOurConfigDoesNot() throws Exception {
        assertThat(deliveredToLateConsumer("max_queued_messages 200\n", 600)).isLessThan(600);
        assertThat(deliveredToLateConsumer("max_queued_messages 0\nmax_inflight_messages 1000\n", 600)).isEqualTo(600);
    }

    private int deliveredToLateConsumer(String limits, int n) throws Exception {
        Path d = dir.resolve("q11-" + limits.hashCode());
        try (Mosquitto broker = new Mosquitto(d.resolve("broker"), "allow_anonymous true\n" + limits).start()) {
            EventBus localBus = new EventBus();
            MqttBridge b = Fixtures.bridge(Fixtures.config(broker.url(), false, 30, 1 << 22), "gw-1", d.resolve("outbox"), localBus);
            b.start();
            try {
                TestClient cc = TestClient.connect(broker.url(), "slow-cc", null, null, false).subscribe("skypatrol/v1/alerts/#", 1);
                cc.client.disconnect().waitForCompletion(5000); // session stays: messages queue at the broker
                for (int i = 0; i < n; i++) {
                    localBus.publish(new AlertEvent(Fixtures.alert("al-" + i, i, "cam-4")));
                }
                Await.until(Duration.ofSeconds(20), "all PUBACKed", () -> b.outbox().pendingCount() == 0
                        && b.metrics().get(MqttMetrics.OUTBOX_APPENDED) == n);
                cc.reconnect();
                int[] last = {-1};
                long[] since = {System.nanoTime()};
                Await.until(Duration.ofSeconds(15), "queue drained", () -> {
                    int now = alertIds(cc).size();
                    if (now != last[0]) {
                        last[0] = now;
                        since[0] = System.nanoTime();
                    }
                    // done when all arrived, or nothing more for 1 s after the broker's queue was handed over
                    return now == n || (now > 0 && System.nanoTime() - since[0] > 1_000_000_000L);
                });
                int got = alertIds(cc).size();
                cc.close();
                return got;
            } finally {
                b.close();
            }
        }
    }

    /** Q4: every inbound command causes a publish; under a burst no Paho thread stays blocked (work handed off). */
    @Test
    void q4_inboundBurstTriggeringPublishes_noDeadlockNoBlockedPahoThreads() throws Exception {
        Mosquitto broker = keep(Mosquitto.plain(dir.resolve("broker")).start());
        MqttBridge b = bridge(Fixtures.config(broker.url(), false, 30, 1 << 22));
        bus.publish(new DroneStatusEvent("d9", DroneStatusEvent.LinkState.ONLINE, Instant.now(), "udp"));
        TestClient cc = commandCentre(broker.url(), false);
        int n = 400;
        AtomicBoolean blockedTwice = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        closeMe.add(watchdog::shutdownNow);
        Set<Long> blockedBefore = new HashSet<>();
        watchdog.scheduleAtFixedRate(() -> {
            Set<Long> now = new HashSet<>();
            for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
                if (t.getThreadName().startsWith("MQTT") && t.getThreadState() == Thread.State.BLOCKED) {
                    now.add(t.getThreadId());
                }
            }
            now.retainAll(blockedBefore);
            if (!now.isEmpty()) {
                blockedTwice.set(true);
            }
            blockedBefore.clear();
            blockedBefore.addAll(now);
        }, 50, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        for (int i = 0; i < n; i++) {
            cc.client.publish(topics.broadcastCommand("d9"), ("{\"schema\":\"skypatrol.broadcast-request/1\",\"time\":"
                    + "\"2026-11-22T23:00:00Z\",\"commandId\":\"q4-" + i + "\",\"text\":\"x\"}").getBytes(), 1, false);
        }
        Await.until(Duration.ofSeconds(30), "a result per command", () -> cc.unique(topics.commandResult("d9")).size() == n);
        assertThat(blockedTwice).isFalse();
        assertThat(b.metrics().get(MqttMetrics.COMMANDS_IN)).isEqualTo(n);
    }

    /** Q5: reconnect with 12 subscriptions restored asynchronously after the broker forgot them (SIGKILL). */
    @Test
    void q5_reconnectWithManySubscriptions_allRestoredNoDeadlock() throws Exception {
        Mosquitto broker = keep(Mosquitto.plain(dir.resolve("broker")).start());
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.ExecutorService handoff = Executors.newSingleThreadExecutor();
        closeMe.add(timers::shutdownNow);
        closeMe.add(handoff::shutdownNow);
        Set<String> got = java.util.concurrent.ConcurrentHashMap.newKeySet();
        MqttLink link = keep(new MqttLink(new MqttLink.Options(broker.url(), "q5", null, null, null, 2, 3600, 10,
                Duration.ofSeconds(1), null), new MqttMetrics(), handoff, timers, java.time.Clock.systemUTC(),
                (t, p, at) -> got.add(t)));
        for (int i = 0; i < 12; i++) {
            link.subscribe("q5/topic-" + i, 1);
        }
        link.start();
        assertThat(link.awaitConnected(Duration.ofSeconds(10))).isTrue();
        broker.kill();
        broker.start();
        Await.until(Duration.ofSeconds(15), "reconnected", () -> link.isConnected() && link.connectionEpoch() >= 2);
        try (TestClient pub = TestClient.connect(broker.url(), "q5-pub")) {
            Await.until(Duration.ofSeconds(10), "all 12 subscriptions restored", () -> {
                for (int i = 0; i < 12; i++) {
                    try {
                        pub.client.publish("q5/topic-" + i, "x".getBytes(), 0, false);
                    } catch (MqttException e) {
                        return false;
                    }
                }
                return got.size() == 12;
            });
        }
    }
}
