package org.skypatrol.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.broadcast.BroadcastRequest;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.mavlink.EndpointStats;
import org.skypatrol.gateway.mavlink.MavlinkEndpoint;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.mavlink.GlobalPositionInt;
import org.skypatrol.protocols.mavlink.Heartbeat;
import org.skypatrol.protocols.mavlink.MavlinkFrameWriter;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkVersion;
import org.skypatrol.samples.dji.DjiDroneSimulator;

/**
 * The gateway as Wiring builds it (MAVLink endpoints, embedded MQTT broker, bridge and outbox,
 * broadcast service, metrics) on loopback with ephemeral ports: real MAVLink datagrams, good and bad,
 * go to the UDP endpoint, and {@code GET /metrics} is scraped over HTTP before and after. The deltas
 * must be exactly what was sent, and the whole text must be valid exposition format.
 */
class MetricsEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private Wiring wiring;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        if (wiring != null) {
            wiring.close();
        }
    }

    private void start(Map<String, String> extra) throws Exception {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("gateway.dataDir", dir.resolve("var").toString());
        sets.put("mavlink.endpoints.0.port", "0");
        sets.put("mavlink.endpoints.0.bind", "127.0.0.1");
        sets.put("mavlink.endpoints.1.port", "0");
        sets.put("mavlink.endpoints.1.bind", "127.0.0.1");
        // a drone stays online for the whole test, however slow the machine
        sets.put("mavlink.link.staleAfterSeconds", "60");
        sets.put("mavlink.link.offlineAfterSeconds", "120");
        sets.put("mqtt.embedded.port", Integer.toString(freePort()));
        sets.put("video.enabled", "false");
        sets.put("metrics.port", "0");
        // a command nobody acks gives up quickly: one retry 200 ms apart
        sets.put("mavlink.commands.ackTimeoutMillis", "200");
        sets.put("mavlink.commands.retries", "1");
        sets.putAll(extra);
        wiring = new Wiring(new ConfigLoader().load(null, sets), Clock.systemUTC());
        wiring.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + wiring.metricsServer().port() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Exposition scrape() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue(MetricsServer.CONTENT_TYPE);
        return Exposition.parse(r.body());
    }

    @Test
    void scrape_afterGoodAndCorruptFrames_countersMovedByWhatWasSent() throws Exception {
        start(Map.of());
        MavlinkEndpoint udp = wiring.mavlink().endpoints().stream()
                .filter(e -> e.transport() == MavlinkConfig.Transport.UDP).findFirst().orElseThrow();
        String ep = udp.name();
        Await.until(WAIT, () -> wiring.metrics() != null && scrapeQuietly().value("skypatrol_mqtt_connected") == 1,
                () -> "MQTT connected");
        Exposition before = scrape();

        // a good HEARTBEAT and GLOBAL_POSITION_INT, one frame with a flipped bit (bad CRC), one cut short
        byte[] heartbeat = frame(1, new Heartbeat(2, 3, 0x81, 0, 4, 3));
        byte[] position = frame(2, new GlobalPositionInt(1000, 385000000, 1063000000, 1230000, 120000, 0, 0, 0, 9000));
        byte[] corrupt = cleanAfterMagic(3, new Heartbeat(2, 3, 0x81, 0, 4, 3), true);
        byte[] truncated = Arrays.copyOf(cleanAfterMagic(4, new Heartbeat(2, 3, 0x81, 0, 4, 3), false), 12);
        // the socket stays open while the gateway answers it: a command the "drone" never acks
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (byte[] d : new byte[][] {heartbeat, position, corrupt, truncated}) {
                s.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), udp.localAddress().getPort()));
            }
            EndpointStats stats = udp.stats();
            Await.until(WAIT, () -> stats.packetsIn() - (long) before.value("skypatrol_mavlink_received_packets_total",
                    "endpoint", ep, "transport", "udp") == 4, () -> "4 datagrams in, saw " + stats.packetsIn());
            assertThat(wiring.mavlink().sendCommand("udp-7", 511, 0, 0, 0, 0, 0, 0, 0)
                    .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).status().name())
                    .isEqualTo("TIMEOUT");
        }
        // telemetry from the position reaches MQTT (throttled, so it may take a moment)
        Await.until(WAIT, () -> scrapeQuietly().value("skypatrol_telemetry_out_messages_total") >= 1,
                () -> "telemetry published");
        // a broadcast to a drone that does not exist: rejected at once, its result goes through the outbox
        assertThat(wiring.broadcasts().submit(new BroadcastRequest("cmd-metrics-1", "nobody", "hello", null, 80, 1,
                false, 5, null, BroadcastRequest.Source.CLI, null)).get().status().name()).isEqualTo("REJECTED");
        Await.until(WAIT, () -> delta(before, scrapeQuietly(), "skypatrol_outbox_delivered_messages_total") == 1,
                () -> "command result delivered");

        Exposition after = scrape();
        String[] udpLabels = {"endpoint", ep, "transport", "udp"};
        assertThat(delta(before, after, "skypatrol_mavlink_received_packets_total", udpLabels)).isEqualTo(4);
        assertThat(delta(before, after, "skypatrol_mavlink_decoded_frames_total", udpLabels)).isEqualTo(2);
        assertThat(delta(before, after, "skypatrol_mavlink_dropped_frames_total", "endpoint", ep, "transport", "udp",
                "reason", "bad_crc")).isEqualTo(1);
        assertThat(delta(before, after, "skypatrol_mavlink_dropped_frames_total", "endpoint", ep, "transport", "udp",
                "reason", "truncated")).isEqualTo(1);
        assertThat(after.sum("skypatrol_mavlink_dropped_frames_total", udpLabels)
                - before.sum("skypatrol_mavlink_dropped_frames_total", udpLabels)).as("no other drop").isEqualTo(2);
        assertThat(after.value("skypatrol_udp_kernel_dropped_datagrams_total", "endpoint", ep)).isZero();
        // the unacknowledged command: sent, retried once, given up; two COMMAND_LONG frames out
        assertThat(delta(before, after, "skypatrol_mavlink_commands_sent_total")).isEqualTo(2);
        assertThat(delta(before, after, "skypatrol_mavlink_commands_retried_total")).isEqualTo(1);
        assertThat(delta(before, after, "skypatrol_mavlink_commands_timed_out_total")).isEqualTo(1);
        assertThat(delta(before, after, "skypatrol_mavlink_sent_frames_total", udpLabels)).isEqualTo(2);
        assertThat(after.value("skypatrol_event_subscriber_failures_total")).isZero();
        assertThat(after.value("skypatrol_drones", "state", "online", "transport", "mavlink-udp")).isEqualTo(1);
        assertThat(after.value("skypatrol_drones", "state", "offline", "transport", "mavlink-udp")).isZero();
        assertThat(after.value("skypatrol_drones", "state", "online", "transport", "dji")).isZero();
        assertThat(delta(before, after, "skypatrol_broadcast_requests_total", "outcome", "rejected")).isEqualTo(1);
        assertThat(delta(before, after, "skypatrol_broadcast_requests_total", "outcome", "accepted")).isZero();
        assertThat(delta(before, after, "skypatrol_outbox_appended_messages_total")).isEqualTo(1);
        assertThat(after.value("skypatrol_outbox_pending_messages")).isZero();
        assertThat(after.value("skypatrol_outbox_oldest_age_seconds")).isZero();
        assertThat(after.value("skypatrol_alerts_raised_total", "behaviour", "illegal_parking")).isZero();
        // JVM and process basics, and the data disk
        assertThat(after.sum("jvm_memory_used_bytes")).isPositive();
        assertThat(after.value("process_uptime_seconds")).isPositive();
        assertThat(after.sum("disk_free_bytes")).isPositive();
        // every counter family follows the naming convention
        after.types.forEach((name, type) -> {
            assertThat(name).matches("[a-z_:][a-z0-9_:]*");
            if (type.equals("counter")) {
                assertThat(name).endsWith("_total");
            }
        });
    }

    @Test
    void djiAircraft_countedUnderItsTransport() throws Exception {
        Map<String, String> sets = new LinkedHashMap<>();
        int mqttPort = freePort();
        sets.put("mqtt.embedded.port", Integer.toString(mqttPort));
        start(sets);
        Await.until(WAIT, () -> scrapeQuietly().value("skypatrol_mqtt_connected") == 1, () -> "MQTT connected");
        Exposition before = scrape();
        try (DjiDroneSimulator dji = new DjiDroneSimulator(new DjiDroneSimulator.Settings("tcp://127.0.0.1:" + mqttPort,
                "1581F5BKD225D00M", "4TADKAQ00000MX", 5, 0, 38.5, 106.2, 200), Clock.systemUTC())) {
            dji.start();
            Await.until(WAIT, () -> scrapeQuietly().value("skypatrol_drones", "state", "online", "transport", "dji") == 1,
                    () -> "DJI aircraft online");
        }
        Exposition after = scrape();
        assertThat(delta(before, after, "skypatrol_dji_in_messages_total")).isPositive();
        assertThat(after.value("skypatrol_dji_malformed_messages_total")).isZero();
        assertThat(after.sum("skypatrol_drones", "transport", "mavlink-udp")).isZero(); // no MAVLink drone here
    }

    @Test
    void otherPathsAndMethods_answeredWithoutAScrape() throws Exception {
        start(Map.of("mqtt.enabled", "false", "broadcast.enabled", "false"));
        assertThat(get("/").statusCode()).isEqualTo(404);
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + wiring.metricsServer().port() + "/metrics")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        URI uri = URI.create("http://127.0.0.1:" + wiring.metricsServer().port() + "/metrics");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        Exposition e = scrape(); // still valid without the MQTT and broadcast parts
        assertThat(e.has("skypatrol_mqtt_connected")).isFalse();
        assertThat(e.has("skypatrol_broadcast_requests_total")).isFalse();
        assertThat(e.has("skypatrol_mavlink_received_packets_total")).isTrue();
    }

    @Test
    void metricsPortTaken_gatewayRunsOnWithoutMetrics() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            start(Map.of("metrics.port", Integer.toString(taken.getLocalPort()), "mqtt.enabled", "false",
                    "broadcast.enabled", "false"));
            assertThat(wiring.metricsServer().serving()).isFalse();
            assertThat(wiring.metricsServer().url()).isNull();
            // MAVLink still works: a HEARTBEAT registers its drone
            MavlinkEndpoint udp = wiring.mavlink().endpoints().stream()
                    .filter(e -> e.transport() == MavlinkConfig.Transport.UDP).findFirst().orElseThrow();
            byte[] hb = frame(1, new Heartbeat(2, 3, 0x81, 0, 4, 3));
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                s.send(new DatagramPacket(hb, hb.length, InetAddress.getLoopbackAddress(), udp.localAddress().getPort()));
            }
            Await.until(WAIT, () -> wiring.drones().byId("udp-7").isPresent(), () -> "drone udp-7 registered");
            // the registry is still there for whoever serves it later
            assertThat(wiring.metrics().scrape()).contains("skypatrol_drones{state=\"online\",transport=\"mavlink-udp\"} 1.0");
        }
    }

    @Test
    void metricsDisabled_noEndpoint() throws Exception {
        start(Map.of("metrics.enabled", "false", "mqtt.enabled", "false", "broadcast.enabled", "false"));
        assertThat(wiring.metricsServer()).isNull();
        assertThat(wiring.metrics()).isNull();
    }

    private Exposition scrapeQuietly() {
        try {
            return scrape();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static double delta(Exposition before, Exposition after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static byte[] frame(int seq, MavlinkMessage m) {
        return MavlinkFrameWriter.toBytes(MavlinkMessages.toFrame(MavlinkVersion.V2, seq, 7, 1, m));
    }

    /**
     * A frame (with one payload bit flipped when {@code corrupt}) whose bytes after the magic hold no
     * other magic byte, so the parser's resync finds nothing more in it: exactly one drop. The sequence
     * number is varied until the checksum has no magic byte either.
     */
    private static byte[] cleanAfterMagic(int seq, MavlinkMessage m, boolean corrupt) {
        for (int s = seq; ; s += 16) {
            byte[] b = frame(s & 0xff, m);
            if (corrupt) {
                b[10] ^= 0x01; // first payload byte (custom_mode); the CRC no longer matches
            }
            boolean clean = true;
            for (int i = 1; i < b.length; i++) {
                clean &= (b[i] & 0xff) != 0xFD && (b[i] & 0xff) != 0xFE;
            }
            if (clean) {
                return b;
            }
        }
    }
}
