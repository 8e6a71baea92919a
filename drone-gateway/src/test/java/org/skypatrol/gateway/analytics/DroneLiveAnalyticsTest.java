package org.skypatrol.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.config.AnalyticsConfig;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.demo.DemoPorts;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.telemetry.Telemetry;
import org.skypatrol.samples.scenegen.ScenarioRenderer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A drone source: every frame is analysed through the pose of the tied drone's TelemetryEvents. */
class DroneLiveAnalyticsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @TempDir
    Path dir;

    private GatewayConfig config(Path clip, String droneId) {
        GatewayConfig d = GatewayConfig.defaults();
        VideoConfig video = LiveClips.video(List.of(
                new VideoConfig.Source("drone-cam", clip.resolve("video.mp4").toString(), false, true, droneId, 5)));
        MqttConfig m = d.mqtt();
        MqttConfig off = new MqttConfig(false, m.url(), m.username(), m.password(), m.clientId(), m.topicPrefix(),
                m.embedded(), m.tls(), m.telemetryRateHz(), m.keepAliveSeconds(), m.sessionExpirySeconds(),
                m.maxInflight(), m.reconnectMaxSeconds(), m.maxInboundBytes(), m.maxPayloadBytes(), m.outbox(), m.dji());
        AnalyticsConfig a = new AnalyticsConfig(true, List.of(new AnalyticsConfig.Source("drone-cam",
                clip.resolve("scene.yaml").toString(), 5.0, null, null, null)));
        return new GatewayConfig(new GatewayConfig.Gateway("gw-test", dir.resolve("var").toString(), 0),
                DemoPorts.mavlink(d.mavlink(), true), off, video, a, d.broadcast());
    }

    @Test
    void droneSource_analysesFramesWithTheTiedDronesPose_andCountsFramesWithoutOne() throws Exception {
        Path clip = LiveClips.cut("illegal_parking-positive-drone", 3);
        // the drone's telemetry of the clip, re-timed to now (a live drone sends it as the video runs)
        List<Telemetry> track = Files.readAllLines(clip.resolve("telemetry.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).map(l -> {
                    try {
                        return JSON.readValue(l, Telemetry.class);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        assertThat(track).hasSizeGreaterThan(20);

        // the gateway's clock starts at the clip's first frame, so frame times are the clip's own times
        // and the drone's telemetry lines up with them exactly, however long start-up takes here
        Clock clock = Clock.fixed(ScenarioRenderer.VIDEO_START, java.time.ZoneOffset.UTC);
        try (Wiring w = new Wiring(config(clip, "patrol-7"), clock)) {
            for (Telemetry t : track) {
                w.events().publish(new TelemetryEvent(new Telemetry("patrol-7", t.source(), t.time(),
                        t.position(), t.headingDeg(), t.velocity(), t.attitude(), t.battery(), t.gnss(), t.flightMode(),
                        t.armed(), t.gimbal(), t.camera())));
            }
            // telemetry of another drone is not this source's pose
            w.events().publish(new TelemetryEvent(new Telemetry("someone-else", track.get(0).source(), ScenarioRenderer.VIDEO_START,
                    track.get(0).position(), 0.0, null, null, null, null, null, null, null, null)));
            w.start();
            LiveAnalytics live = w.analytics();
            Await.until(Duration.ofSeconds(30), () -> live.counters().get(0).state().equals("stopped")
                    || live.counters().get(0).state().equals("ended"), live::summary);
            Await.until(Duration.ofSeconds(10), () -> live.counters().get(0).analysed() >= 10, live::summary);
            SourceCounters c = live.counters().get(0);
            assertThat(c.withoutPose()).as(c.line()).isZero();
            assertThat(c.dropped()).as(c.line()).isZero();
        }

        // the same clip tied to a drone that sends nothing: every frame counted, none analysed
        try (Wiring w = new Wiring(config(clip, "silent-drone"), clock)) {
            w.start();
            LiveAnalytics live = w.analytics();
            Await.until(Duration.ofSeconds(30), () -> live.counters().get(0).withoutPose() >= 10, live::summary);
            assertThat(live.counters().get(0).analysed()).isZero();
        }
    }
}
