package org.skypatrol.gateway.mqtt;

import org.skypatrol.gateway.testing.Mosquitto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.protocols.mqtt.Topics;

/** The gateway's MQTT part in a child JVM killed with SIGKILL: the will (Q7) and the outbox survive. */
class GatewayKillTest {

    @TempDir
    Path dir;
    private final Topics topics = Topics.withDefaultPrefix();
    private final List<Process> children = new CopyOnWriteArrayList<>();
    private Mosquitto broker;
    private TestClient cc;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (cc != null) {
            cc.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private record Child(Process process, BufferedReader out, PrintWriter in) {
        String await(String prefix) throws Exception {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("child exited before printing " + prefix);
        }
    }

    private Child child(String gatewayId) throws Exception {
        return child(gatewayId, 5);
    }

    private Child child(String gatewayId, int keepAliveSeconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback-test.xml", GatewayChild.class.getName(), broker.url(),
                dir.resolve("outbox-" + gatewayId).toString(), gatewayId, Integer.toString(keepAliveSeconds))
                .redirectError(dir.resolve(gatewayId + "-" + children.size() + ".err").toFile()).start();
        children.add(p);
        Child c = new Child(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8));
        c.await("READY");
        return c;
    }

    /**
     * Delivery after the restart that took over 10 s prints the children's logs and the broker's (with every
     * connection's time), so a slow path can be read from the build log.
     */
    private void slowReport(long since) throws Exception {
        Duration took = Duration.ofNanos(System.nanoTime() - since);
        if (took.compareTo(Duration.ofSeconds(10)) <= 0) {
            return;
        }
        StringBuilder b = new StringBuilder("GatewayKillTest: delivery after the restart took " + took.toMillis() + " ms\n");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".err")).sorted().toList()) {
                b.append("--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        b.append("--- broker log\n").append(broker.log());
        System.out.println(b);
    }

    /** Q7: kill -9 of the gateway: the command centre sees the retained offline will within 1.5x keepalive. */
    @Test
    void q7_gatewayKilled_willMarksItOfflineWithinKeepalive() throws Exception {
        broker = Mosquitto.plain(dir.resolve("broker")).start();
        cc = TestClient.connect(broker.url(), "cc").subscribe(topics.gatewayStatus("gw-k"), 1);
        Child c = child("gw-k", 2);
        Await.until(Duration.ofSeconds(10), "online", () -> cc.on(topics.gatewayStatus("gw-k")).stream()
                .anyMatch(r -> r.json().get("state").asText().equals("online")));
        long killedAt = System.nanoTime();
        c.process().destroyForcibly(); // SIGKILL: no DISCONNECT, so the broker publishes the will
        // keepalive is 2 s in the test config: 1.5 x 2 s = 3 s, plus 1 s of scheduling slack
        Await.until(Duration.ofSeconds(4), "offline will", () -> cc.on(topics.gatewayStatus("gw-k")).stream()
                .anyMatch(r -> r.json().get("state").asText().equals("offline")));
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(4));
        try (TestClient late = TestClient.connect(broker.url(), "late").subscribe(topics.gatewayStatus("gw-k"), 1)) {
            Await.until(Duration.ofSeconds(5), "retained will", () -> !late.on(topics.gatewayStatus("gw-k")).isEmpty());
            TestClient.Received r = late.on(topics.gatewayStatus("gw-k")).get(0);
            assertThat(r.retained()).isTrue();
            assertThat(r.json().get("state").asText()).isEqualTo("offline");
            PayloadSchemas.assertValid(r.json());
        }
    }

    /** kill -9 with alerts in the outbox while the broker is down: all delivered, in order, after restart. */
    @Test
    void killDash9_withAlertsInOutbox_allDeliveredAfterRestart() throws Exception {
        broker = Mosquitto.plain(dir.resolve("broker")).start();
        cc = TestClient.connect(broker.url(), "cc", null, null, false).subscribe("skypatrol/v1/alerts/#", 1);
        Child first = child("gw-x");
        // the command centre leaves (its session stays) and comes back by itself after the restart: Paho's own
        // reconnect backs off to 16-32 s in whole-suite runs, which timed this test out once at 40 s
        cc.close();
        broker.terminate();
        first.in().println("ALERTS 100");
        first.await("STORED");
        first.process().destroyForcibly();
        first.process().waitFor(5, TimeUnit.SECONDS);
        broker.start();
        long restartedAt = System.nanoTime();
        child("gw-x"); // the restarted gateway finds the outbox on disk
        cc = TestClient.connect(broker.url(), "cc", null, null, false); // the session kept what came meanwhile
        try {
            Await.until(Duration.ofSeconds(40), "100 alerts", () -> cc.unique(topics.alerts("cam-k")).size() == 100);
        } finally {
            slowReport(restartedAt);
        }
        assertThat(cc.unique(topics.alerts("cam-k"))).extracting(j -> j.get("alertId").asText())
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "child-" + i).toList());
    }
}
