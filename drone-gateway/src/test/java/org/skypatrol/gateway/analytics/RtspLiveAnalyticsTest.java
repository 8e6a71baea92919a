package org.skypatrol.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.config.AnalyticsConfig;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.demo.DemoPorts;
import org.skypatrol.gateway.testing.Await;

/**
 * An RTSP camera (GStreamer's RTSP server through its Python bindings, serving the test clip in a
 * loop) analysed live; the camera goes away and comes back: the analysis reconnects and goes on.
 */
class RtspLiveAnalyticsTest {

    @TempDir
    Path dir;

    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void killServers() {
        servers.forEach(Process::destroyForcibly);
    }

    private Process serve(int port) throws Exception {
        Path script = Path.of("..", "tools", "gst-rtsp", "serve_file.py").toAbsolutePath();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(port),
                LiveClips.speeding().resolve("video.mp4").toString())
                .redirectError(dir.resolve("gst-" + servers.size() + ".err").toFile()).start();
        servers.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("RTSP server ready").isEqualTo("ready");
        return p;
    }

    @Test
    void rtspCamera_analysedLive_reconnectsAfterTheCameraComesBack() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process first = serve(port);
        GatewayConfig d = GatewayConfig.defaults();
        VideoConfig video = LiveClips.video(List.of(
                new VideoConfig.Source("cam-rtsp", "rtsp://127.0.0.1:" + port + "/cam", false, false, null, 3)));
        MqttConfig m = d.mqtt();
        MqttConfig off = new MqttConfig(false, m.url(), m.username(), m.password(), m.clientId(), m.topicPrefix(),
                m.embedded(), m.tls(), m.telemetryRateHz(), m.keepAliveSeconds(), m.sessionExpirySeconds(),
                m.maxInflight(), m.reconnectMaxSeconds(), m.maxInboundBytes(), m.maxPayloadBytes(), m.outbox(), m.dji());
        AnalyticsConfig a = new AnalyticsConfig(true, List.of(new AnalyticsConfig.Source("cam-rtsp",
                LiveClips.speeding().resolve("scene.yaml").toString(), 5.0, null, null, null)));
        GatewayConfig cfg = new GatewayConfig(new GatewayConfig.Gateway("gw-test", dir.resolve("var").toString(), 0),
                DemoPorts.mavlink(d.mavlink(), true), off, video, a, d.broadcast());

        try (Wiring w = new Wiring(cfg, Clock.systemUTC())) {
            w.start();
            LiveAnalytics live = w.analytics();
            Await.until(Duration.ofSeconds(30), () -> live.counters().get(0).analysed() >= 10, live::summary);
            long reconnectsBefore = live.counters().get(0).reconnects();

            first.destroyForcibly();
            first.waitFor();
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).reconnects() > reconnectsBefore,
                    live::summary);
            long before = live.counters().get(0).analysed();

            serve(port);
            Await.until(Duration.ofSeconds(40), () -> live.counters().get(0).analysed() >= before + 10
                    && live.counters().get(0).state().equals("running"), live::summary);
            SourceCounters c = live.counters().get(0);
            assertThat(c.lastError()).as(c.line()).isNotNull();        // why it reconnected stays visible
        }
    }
}
