package org.skypatrol.gateway.mqtt;

import org.skypatrol.gateway.testing.Mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.protocols.mqtt.Topics;
import org.skypatrol.testing.SharedData;

/** Q8 (ACL, with samples/mosquitto/acl itself) and Q9 (TLS) against a real Mosquitto 2.x. */
class MosquittoAclTlsTest {

    @TempDir
    Path dir;
    private final Topics topics = Topics.withDefaultPrefix();
    private final List<AutoCloseable> closeMe = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = closeMe.size() - 1; i >= 0; i--) {
            closeMe.get(i).close();
        }
    }

    private Mosquitto aclBroker() throws Exception {
        List<String> users = java.util.stream.Stream.of("gw-1", "gw-2", "command-centre", "dji-dock")
                .map(u -> u + ":pw-" + u).toList();
        Path acl = SharedData.repoRoot().resolve("samples/mosquitto/acl");
        Mosquitto m = Mosquitto.withUsers(dir.resolve("broker"), users, acl).start();
        closeMe.add(m);
        return m;
    }

    private TestClient user(Mosquitto m, String user) throws MqttException {
        TestClient c = TestClient.connect(m.url(), user + "-" + System.nanoTime(), user, "pw-" + user, true);
        closeMe.add(c);
        return c;
    }

    private MqttBridge bridge(MqttConfig c, String gatewayId, EventBus bus) throws Exception {
        MqttBridge b = new MqttBridge(c, gatewayId, dir.resolve("outbox-" + gatewayId), c::url, bus, Clock.systemUTC(),
                new NotImplementedBroadcastHandler(bus, Clock.systemUTC())).startupWait(Duration.ofSeconds(3));
        b.start();
        closeMe.add(b::close);
        return b;
    }

    /** Q8: publishing outside one's subtree gets MQTT 5 PUBACK 0x87 from Mosquitto 2.x; the gateway alarms. */
    @Test
    void q8_publishOutsideSubtree_deniedWithReasonCodeAndAlarmed() throws Exception {
        Mosquitto m = aclBroker();
        TestClient watcher = user(m, "command-centre").subscribe("skypatrol/v1/#", 1);
        // Mosquitto 2.0.11 answers PUBACK 0x87 (not authorized); Paho 1.2.5 then drops the connection
        for (String topic : List.of(topics.broadcastCommand("d1"), topics.gatewayStatus("gw-2"))) {
            TestClient gw1 = user(m, "gw-1");
            try {
                IMqttToken t = gw1.publish(topic, "{\"denied\":true}", 1);
                assertThat(t.getReasonCodes()).contains(0x87);
            } catch (MqttException connectionDroppedAfterDenial) {
                assertThat(m.log()).contains("Denied PUBLISH").contains(topic);
            }
        }
        TestClient gw1 = user(m, "gw-1");
        gw1.publish(topics.telemetry("d1"), "{\"allowed\":true}", 1);
        Await.until(Duration.ofSeconds(5), "the permitted message", () -> !watcher.on(topics.telemetry("d1")).isEmpty());
        assertThat(watcher.on(topics.broadcastCommand("d1"))).isEmpty();
        assertThat(watcher.on(topics.gatewayStatus("gw-2"))).isEmpty();
        // reading another gateway's acks: Mosquitto 2.0 grants the SUBSCRIBE but never delivers (read ACL)
        gw1.subscribe(topics.gatewayAcks("gw-2"), 1);
        TestClient gw2 = user(m, "gw-2").subscribe(topics.gatewayAcks("gw-2"), 1);
        user(m, "command-centre").publish(topics.gatewayAcks("gw-2"), "{\"messageIds\":[\"gw-2-1\"]}", 1);
        Await.until(Duration.ofSeconds(5), "gw-2 gets its ack", () -> !gw2.on(topics.gatewayAcks("gw-2")).isEmpty());
        assertThat(gw1.on(topics.gatewayAcks("gw-2"))).isEmpty();
        // a bridge logged in as gw-1 but configured as gw-9 cannot publish its status: counted as an alarm
        MqttConfig c = Fixtures.withCredentials(Fixtures.config(m.url(), false, 30, 1 << 20), "gw-1", "pw-gw-1", "gw9");
        MqttBridge wrong = bridge(c, "gw-9", new EventBus());
        Await.until(Duration.ofSeconds(5), "denial counted", () -> wrong.metrics().get(MqttMetrics.PUBLISH_DENIED) > 0);
    }

    /** Q8/L4: a client without command rights cannot publish a command that the gateway accepts. */
    @Test
    void q8_commandFromClientWithoutRights_neverReachesGateway() throws Exception {
        Mosquitto m = aclBroker();
        EventBus bus = new EventBus();
        MqttBridge b = bridge(Fixtures.withCredentials(Fixtures.config(m.url(), false, 30, 1 << 20), "gw-1", "pw-gw-1",
                "gw1"), "gw-1", bus);
        bus.publish(new DroneStatusEvent("d1", DroneStatusEvent.LinkState.ONLINE, Instant.now(), "udp"));
        String cmd = "{\"schema\":\"skypatrol.broadcast-request/1\",\"time\":\"2026-11-22T23:00:00Z\",\"commandId\":\"%s\",\"text\":\"x\"}";
        TestClient intruder = user(m, "dji-dock");
        assertThat(intruder.publish(topics.broadcastCommand("d1"), cmd.formatted("evil"), 1).getReasonCodes()).contains(0x87);
        TestClient otherGateway = user(m, "gw-2");
        assertThat(otherGateway.publish(topics.broadcastCommand("d1"), cmd.formatted("evil2"), 1).getReasonCodes()).contains(0x87);
        TestClient cc = user(m, "command-centre").subscribe("skypatrol/v1/#", 1);
        cc.publish(topics.broadcastCommand("d1"), cmd.formatted("good"), 1);
        Await.until(Duration.ofSeconds(5), "the permitted command answered", () -> !cc.on(topics.commandResult("d1")).isEmpty());
        assertThat(b.metrics().get(MqttMetrics.COMMANDS_IN)).isEqualTo(1);
        assertThat(cc.on(topics.commandResult("d1")).get(0).json().get("commandId").asText()).isEqualTo("good");
        // anonymous clients are refused outright
        assertThat(catchThrowable(() -> TestClient.connect(m.url(), "anon").close())).isInstanceOf(MqttException.class);
    }

    private void openssl(Path cwd, String... args) throws Exception {
        List<String> c = new ArrayList<>();
        c.add("openssl");
        c.addAll(List.of(args));
        Process p = new ProcessBuilder(c).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** Makes ca.crt, server.crt/key (for 127.0.0.1) signed by it, and an unrelated other-ca.crt. */
    private Path certificates() throws Exception {
        Path d = Files.createDirectories(dir.resolve("pki"));
        openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=SkyPatrol Test CA");
        openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other-ca.crt",
                "-days", "2", "-subj", "/CN=Some Other CA");
        openssl(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(d.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(d, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
        return d;
    }

    /**
     * Signs {@code name}.crt for the key server.key with ca.crt through {@code openssl ca}, which (unlike
     * {@code openssl x509 -days}) takes explicit validity dates, so an expired certificate needs no clock tricks.
     */
    private Path signServerCertificate(Path pki, String name, String startDate, String endDate, String san)
            throws Exception {
        Path d = Files.createDirectories(pki.resolve("ca-" + name));
        Files.writeString(d.resolve("index.txt"), "");
        Files.writeString(d.resolve("serial"), "1000\n");
        Files.writeString(d.resolve("ca.cnf"), String.join("\n", "[ca]", "default_ca = test", "[test]",
                "database = " + d.resolve("index.txt"), "new_certs_dir = " + d, "serial = " + d.resolve("serial"),
                "default_md = sha256", "policy = any", "unique_subject = no", "[any]", "commonName = supplied", ""));
        Files.writeString(d.resolve("san.ext"), "subjectAltName=" + san + "\n");
        openssl(pki, "ca", "-batch", "-config", d.resolve("ca.cnf").toString(), "-cert", "ca.crt", "-keyfile", "ca.key",
                "-in", "server.csr", "-out", name + ".crt", "-startdate", startDate, "-enddate", endDate,
                "-extfile", d.resolve("san.ext").toString(), "-notext");
        return pki.resolve(name + ".crt");
    }

    private Mosquitto tlsBroker(Path pki, String name, Path certificate) throws Exception {
        Mosquitto m = new Mosquitto(dir.resolve(name), "listener ${PORT} 127.0.0.1\nallow_anonymous true\n"
                + "cafile " + pki.resolve("ca.crt") + "\ncertfile " + certificate + "\nkeyfile "
                + pki.resolve("server.key") + "\n").start();
        closeMe.add(m);
        return m;
    }

    private String opensslOutput(Path cwd, String... args) throws Exception {
        List<String> c = new ArrayList<>(List.of("openssl"));
        c.addAll(List.of(args));
        Process p = new ProcessBuilder(c).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /**
     * Q9, expired certificate: the broker presents a certificate from the trusted CA, for the right host,
     * with the same key as the good one, whose validity ended in 2020. The gateway refuses it, names the
     * reason, alarms, and never connects (no plaintext or "trust anyway" fallback).
     */
    @Test
    void q9_tls_expiredServerCertificateRefusedWithReason() throws Exception {
        Path pki = certificates();
        Path expired = signServerCertificate(pki, "expired", "20200101000000Z", "20200201000000Z",
                "IP:127.0.0.1,DNS:localhost");
        // the fixture itself: signed by our CA, and refused by OpenSSL for its dates only
        assertThat(opensslOutput(pki, "verify", "-CAfile", "ca.crt", expired.toString())).contains("certificate has expired");
        Mosquitto broker = tlsBroker(pki, "expired-broker", expired);
        EventBus bus = new EventBus();
        MqttBridge b = bridge(Fixtures.withTls(Fixtures.config("ssl://127.0.0.1:" + broker.port(), false, 30, 1 << 20),
                new MqttConfig.Tls(pki.resolve("ca.crt").toString(), null, null)), "gw-t4", bus);
        Await.until(Duration.ofSeconds(10), "TLS failure alarmed", () -> b.metrics().get(MqttMetrics.TLS_FAILURES) > 0);
        assertThat(b.lastConnectError()).startsWith("TLS: server certificate expired");
        assertThat(b.isConnected()).isFalse();
        assertThat(b.metrics().get(MqttMetrics.CONNECTS)).isZero();
        assertThat(broker.log()).doesNotContain("as skypatrol-gw-t4");
    }

    /** Q9, the same CA but a certificate for another host: refused (Paho's host name check is on), reason named. */
    @Test
    void q9_tls_certificateForAnotherHostRefusedWithReason() throws Exception {
        Path pki = certificates();
        Path other = signServerCertificate(pki, "other-host", "20250101000000Z", "20991231000000Z",
                "DNS:broker.example.org");
        Mosquitto broker = tlsBroker(pki, "other-host-broker", other);
        MqttBridge b = bridge(Fixtures.withTls(Fixtures.config("ssl://127.0.0.1:" + broker.port(), false, 30, 1 << 20),
                new MqttConfig.Tls(pki.resolve("ca.crt").toString(), null, null)), "gw-t5", new EventBus());
        Await.until(Duration.ofSeconds(10), "TLS failure alarmed", () -> b.metrics().get(MqttMetrics.TLS_FAILURES) > 0);
        assertThat(b.lastConnectError()).startsWith("TLS: server certificate does not name this host");
        assertThat(b.metrics().get(MqttMetrics.CONNECTS)).isZero();
        assertThat(broker.log()).doesNotContain("as skypatrol-gw-t5");
    }

    /** Q9: right CA connects; wrong CA and a plaintext port are refused and alarmed, never a plaintext fallback. */
    @Test
    void q9_tls_wrongCaAndPlaintextPortRefusedNoFallback() throws Exception {
        Path pki = certificates();
        Mosquitto tls = new Mosquitto(dir.resolve("tls-broker"), "listener ${PORT} 127.0.0.1\nallow_anonymous true\n"
                + "cafile " + pki.resolve("ca.crt") + "\ncertfile " + pki.resolve("server.crt") + "\nkeyfile "
                + pki.resolve("server.key") + "\n").start();
        closeMe.add(tls);
        String url = "ssl://127.0.0.1:" + tls.port();

        MqttBridge good = bridge(Fixtures.withTls(Fixtures.config(url, false, 30, 1 << 20),
                new MqttConfig.Tls(pki.resolve("ca.crt").toString(), null, null)), "gw-t1", new EventBus());
        assertThat(good.isConnected()).isTrue();

        MqttBridge wrongCa = bridge(Fixtures.withTls(Fixtures.config(url, false, 30, 1 << 20),
                new MqttConfig.Tls(pki.resolve("other-ca.crt").toString(), null, null)), "gw-t2", new EventBus());
        Await.until(Duration.ofSeconds(5), "TLS failure alarmed", () -> wrongCa.metrics().get(MqttMetrics.TLS_FAILURES) > 0);
        assertThat(wrongCa.isConnected()).isFalse();
        assertThat(wrongCa.metrics().get(MqttMetrics.CONNECTS)).isZero();
        assertThat(wrongCa.lastConnectError()).startsWith("TLS: server certificate not signed by a trusted CA");

        Mosquitto plain = Mosquitto.plain(dir.resolve("plain-broker")).start();
        closeMe.add(plain);
        MqttBridge toPlain = bridge(Fixtures.withTls(Fixtures.config("ssl://127.0.0.1:" + plain.port(), false, 30, 1 << 20),
                new MqttConfig.Tls(pki.resolve("ca.crt").toString(), null, null)), "gw-t3", new EventBus());
        Await.until(Duration.ofSeconds(5), "connect failures", () -> toPlain.metrics().get(MqttMetrics.CONNECT_FAILURES) > 0);
        assertThat(toPlain.metrics().get(MqttMetrics.CONNECTS)).isZero();
        assertThat(toPlain.lastConnectError()).startsWith("TLS: ");
        assertThat(plain.log()).doesNotContain("as skypatrol-gw-t3");
    }
}
