package org.skypatrol.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.config.AnalyticsConfig;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.demo.DemoPorts;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.mqtt.AlertPayload;

/**
 * A drone publishes to the gateway's RTSP server (Debian's ffmpeg, {@code -re -c copy -f rtsp}) and
 * the whole gateway ({@code Wiring}) analyses the published stream: every frame decoded from the
 * feed, alerts raised; the publisher goes away and a second one takes over, counted, analysed again.
 */
class PublishedLiveAnalyticsTest {

    @TempDir
    Path dir;

    private final List<Process> publishers = new ArrayList<>();

    @AfterEach
    void killPublishers() {
        publishers.forEach(Process::destroyForcibly);
    }

    /** The gateway with its RTSP publish server on a free port, recording on, MQTT off, drone {@code id} analysed. */
    static GatewayConfig config(Path dir, String droneId, Path scene) {
        GatewayConfig d = GatewayConfig.defaults();
        VideoConfig v = VideoConfig.defaults();
        VideoConfig.RtspServer r = v.rtspServer();
        VideoConfig video = new VideoConfig(true, new VideoConfig.RtspServer(true, "127.0.0.1", 0, r.readTimeoutSeconds(),
                r.maxConnections(), r.auth(), r.username(), r.password(), r.realm()),
                List.of(), v.recording(), v.evidence(), false, false);
        MqttConfig m = d.mqtt();
        MqttConfig off = new MqttConfig(false, m.url(), m.username(), m.password(), m.clientId(), m.topicPrefix(),
                m.embedded(), m.tls(), m.telemetryRateHz(), m.keepAliveSeconds(), m.sessionExpirySeconds(),
                m.maxInflight(), m.reconnectMaxSeconds(), m.maxInboundBytes(), m.maxPayloadBytes(), m.outbox(), m.dji());
        AnalyticsConfig a = new AnalyticsConfig(true, List.of(new AnalyticsConfig.Source(droneId, scene.toString(),
                5.0, null, null, null, true)));
        GatewayConfig cfg = new GatewayConfig(new GatewayConfig.Gateway("gw-test", dir.resolve("var").toString(), 0),
                DemoPorts.mavlink(d.mavlink(), true), off, video, a, d.broadcast());
        assertThat(cfg.validate().list()).isEmpty();
        return cfg;
    }

    /** {@code ffmpeg -re -i CLIP -c copy -f rtsp URL}: publishes at the clip's pace, then exits. */
    Process publish(Path clip, String url) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-i", clip.toString(),
                "-c", "copy", "-f", "rtsp", "-rtsp_transport", "tcp", url)
                .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg-" + publishers.size() + ".log").toFile())
                .start();
        publishers.add(p);
        return p;
    }

    @Test
    void publishedStream_everyFrameDecodedAndAnalysed_alertRaised_secondPublisherTakesOverCounted() throws Exception {
        Path clip = LiveClips.speeding();
        List<AlertPayload> alerts = new CopyOnWriteArrayList<>();
        try (Wiring w = new Wiring(config(dir, "patrol-1", clip.resolve("scene.yaml")), Clock.systemUTC())) {
            w.events().subscribe(AlertEvent.class, e -> alerts.add(e.alert()));
            w.start();
            LiveAnalytics live = w.analytics();
            assertThat(live.counters().get(0).state()).isEqualTo("waiting");      // no publisher yet
            String url = "rtsp://127.0.0.1:" + w.video().rtsp().port() + "/drones/patrol-1";

            Process first = publish(clip.resolve("video.mp4"), url);
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isZero();
            // every picture of the clip decoded from the feed (none lost), a fifth... a half analysed at 5 of 10 fps
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).decoded() == LiveClips.FRAMES
                    && live.counters().get(0).state().equals("waiting"), live::summary);
            SourceCounters c = live.counters().get(0);
            assertThat(c.decodeErrors()).as(c.line()).isZero();
            assertThat(c.droppedGops()).as(c.line()).isZero();
            assertThat(c.lostUnits()).as(c.line()).isZero();
            assertThat(c.reconnects()).as(c.line()).isZero();
            assertThat(c.skipped() + c.analysed() + c.dropped()).as(c.line()).isEqualTo(LiveClips.FRAMES);
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).analysed() >= LiveClips.FRAMES / 2 - 1,
                    live::summary);
            Await.until(Duration.ofSeconds(10), () -> alerts.stream().anyMatch(
                    x -> x.behaviour().equals("speeding") && x.phase() == AlertPayload.Phase.START), () -> alerts.toString());
            AlertPayload speeding = alerts.stream().filter(x -> x.behaviour().equals("speeding")).findFirst().orElseThrow();
            assertThat(speeding.sourceId()).isEqualTo("patrol-1");
            int alertsOfFirst = (int) alerts.stream().filter(x -> x.phase() == AlertPayload.Phase.START).count();

            // a second publisher takes over the same drone id: counted, decoded and analysed from its first keyframe
            Process second = publish(clip.resolve("video.mp4"), url);
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).decoded() == 2L * LiveClips.FRAMES
                    && live.counters().get(0).state().equals("waiting"), live::summary);
            c = live.counters().get(0);
            assertThat(c.reconnects()).as(c.line()).isEqualTo(1);
            assertThat(c.decodeErrors() + c.droppedGops() + c.lostUnits()).as(c.line()).isZero();
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).analysed() >= LiveClips.FRAMES - 2,
                    live::summary);
            Await.until(Duration.ofSeconds(10), () -> alerts.stream().filter(x -> x.phase() == AlertPayload.Phase.START).count()
                    > alertsOfFirst, () -> alerts.toString());
            assertThat(w.video().hub().feed("patrol-1", "patrol-1").restarts()).isEqualTo(1);
        }
    }
}
