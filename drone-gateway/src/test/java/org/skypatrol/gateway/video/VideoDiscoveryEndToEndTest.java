package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.analytics.LiveClips;
import org.skypatrol.gateway.config.AnalyticsConfig;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.demo.DemoPorts;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.samples.drone.DroneSimulator;
import org.skypatrol.samples.drone.SimulatorOptions;

/**
 * A simulated MAVLink drone over UDP announces an RTSP stream (a real GStreamer RTSP server looping an
 * H.264 clip) in VIDEO_STREAM_INFORMATION when the gateway asks; the gateway pulls and records it as
 * the source named after the drone.
 */
class VideoDiscoveryEndToEndTest {

    @TempDir
    Path dir;

    private Process server;
    private DroneSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void droneAnnouncesRtspStream_gatewayPullsAndRecordsItUnderTheDroneId() throws Exception {
        int port = VideoTestSupport.freePort();
        Path clip = VideoTestSupport.clip(4, 320, 240, 10);
        Path script = Path.of("..", "tools", "gst-rtsp", "serve_file.py").toAbsolutePath();
        server = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(port), clip.toString())
                .redirectError(dir.resolve("gst.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("RTSP server ready").isEqualTo("ready");

        GatewayConfig d = GatewayConfig.defaults();
        VideoConfig v = LiveClips.video(List.of());
        VideoConfig video = new VideoConfig(true, v.rtspServer(), v.sources(), v.recording(), v.evidence(), false, true);
        MqttConfig m = d.mqtt();
        MqttConfig off = new MqttConfig(false, m.url(), m.username(), m.password(), m.clientId(), m.topicPrefix(),
                m.embedded(), m.tls(), m.telemetryRateHz(), m.keepAliveSeconds(), m.sessionExpirySeconds(),
                m.maxInflight(), m.reconnectMaxSeconds(), m.maxInboundBytes(), m.maxPayloadBytes(), m.outbox(), m.dji());
        GatewayConfig cfg = new GatewayConfig(new GatewayConfig.Gateway("gw-test", dir.resolve("var").toString(), 0),
                DemoPorts.mavlink(d.mavlink(), true), off, video, new AnalyticsConfig(false, List.of()), d.broadcast());

        try (Wiring w = new Wiring(cfg, Clock.systemUTC())) {
            w.start();
            int udpPort = w.mavlink().endpoints().stream()
                    .filter(e -> e.transport() == MavlinkConfig.Transport.UDP).findFirst().orElseThrow()
                    .localAddress().getPort();
            sim = new DroneSimulator(SimulatorOptions.udp(1, new InetSocketAddress("127.0.0.1", udpPort))
                    .withVideoUri("rtsp://127.0.0.1:" + port + "/cam")).start();

            Await.until(Duration.ofSeconds(10), () -> !w.drones().all().isEmpty(), () -> "drone registered");
            String droneId = w.drones().all().get(0).id();
            Await.until(Duration.ofSeconds(30), () -> feed(w, droneId).map(f -> f.frames() >= 20).orElse(false),
                    () -> "frames of source " + droneId + ": " + feed(w, droneId).map(SourceFeed::status));

            SourceFeed f = feed(w, droneId).orElseThrow();
            assertThat(f.droneId()).isEqualTo(droneId);
            VideoDiscovery discovery = w.videoDiscovery();
            assertThat(discovery.requests()).isGreaterThanOrEqualTo(1);
            assertThat(discovery.sourcesStarted()).isEqualTo(1);
            Path recordings = dir.resolve("var").resolve("recordings").resolve(droneId);
            Await.until(Duration.ofSeconds(10), () -> {
                try (var files = Files.walk(recordings)) {   // the open segment is a .ts.part under a day folder
                    return files.anyMatch(p -> Files.isRegularFile(p) && p.toFile().length() > 0);
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    return false;                              // not created yet: poll again
                }
            }, () -> "a recording under " + recordings);
        }
    }

    private static Optional<SourceFeed> feed(Wiring w, String id) {
        return w.video().hub().feeds().stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
