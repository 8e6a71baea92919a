package org.skypatrol.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.analytics.LiveClips;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.mqtt.AlertPayload;

/**
 * Video and analytics metrics against the real recorder and pipeline: the test clip (50 frames, a
 * car speeding) as a file source, recorded and analysed live. The counters must agree with what is
 * independently observable: the frames in the clip, the bytes of the segment files on disk, the
 * alert events on the bus, and each other (every analysed frame went through every stage).
 */
class VideoAnalyticsMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SOURCE = "cam-1";

    @TempDir
    Path dir;

    @Test
    void fileSource_recordedAndAnalysed_countersMatchDiskBusAndClip() throws Exception {
        Path clip = LiveClips.speeding();
        Path data = dir.resolve("var");
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("gateway.dataDir", data.toString());
        sets.put("gateway.httpPort", "0");
        sets.put("mavlink.endpoints", "[]");
        sets.put("mqtt.enabled", "false");
        sets.put("broadcast.enabled", "false");
        sets.put("video.rtspServer.port", "0");
        sets.put("video.rtspServer.bind", "127.0.0.1");
        sets.put("video.sources", "[{id: " + SOURCE + ", url: \"" + clip.resolve("video.mp4") + "\", realTime: true}]");
        sets.put("analytics.sources", "[{sourceId: " + SOURCE + ", scene: \"" + clip.resolve("scene.yaml")
                + "\", fps: 5}]");
        sets.put("metrics.port", "0");
        List<AlertPayload> alerts = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try (Wiring w = new Wiring(new ConfigLoader().load(null, sets), Clock.systemUTC())) {
            w.events().subscribe(AlertEvent.class, e -> alerts.add(e.alert()));
            w.start();
            URI uri = URI.create("http://127.0.0.1:" + w.metricsServer().port() + "/metrics");
            java.util.function.Supplier<Exposition> scrape = () -> {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(200);
                    return Exposition.parse(r.body());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            // the recorder's feed has read the whole file and is idle; the analysis has taken every frame
            Await.until(WAIT, () -> {
                Exposition e = scrape.get();
                return e.has("skypatrol_video_received_frames_total")
                        && e.value("skypatrol_video_sources", "state", "stopped") == 1
                        && w.video().hub().feeds().stream().allMatch(f -> f.idle())
                        && e.value("skypatrol_analytics_decoded_frames_total", "source", SOURCE) == LiveClips.FRAMES
                        && e.value("skypatrol_analytics_decoded_frames_total", "source", SOURCE)
                        == e.value("skypatrol_analytics_analysed_frames_total", "source", SOURCE)
                        + e.value("skypatrol_analytics_skipped_frames_total", "source", SOURCE)
                        + e.value("skypatrol_analytics_dropped_frames_total", "source", SOURCE);
            }, () -> w.analytics().summary());
            Exposition e = scrape.get();

            assertThat(e.value("skypatrol_video_received_frames_total", "source", SOURCE)).isEqualTo(LiveClips.FRAMES);
            assertThat(e.value("skypatrol_video_dropped_frames_total", "source", SOURCE)).isZero();
            assertThat(e.value("skypatrol_video_source_up", "source", SOURCE)).isZero(); // the file has ended
            assertThat(e.value("skypatrol_video_sources", "state", "streaming")).isZero();
            long onDisk;
            try (Stream<Path> files = Files.walk(data.resolve("recordings").resolve(SOURCE))) {
                onDisk = files.filter(p -> p.toString().endsWith(".ts")).mapToLong(p -> p.toFile().length()).sum();
            }
            assertThat(onDisk).isPositive();
            assertThat(e.value("skypatrol_video_recorded_bytes_total", "source", SOURCE)).isEqualTo(onDisk);
            assertThat(e.value("skypatrol_rtsp_open_connections")).isZero();

            double analysed = e.value("skypatrol_analytics_analysed_frames_total", "source", SOURCE);
            assertThat(analysed).isPositive();
            assertThat(e.value("skypatrol_analytics_skipped_frames_total", "source", SOURCE)).isPositive(); // 5 of 10 fps
            for (String stage : new String[] {"prepare", "detect", "track", "rules"}) {
                assertThat(e.value("skypatrol_analytics_stage_calls_total", "source", SOURCE, "stage", stage))
                        .as(stage).isEqualTo(analysed);
                assertThat(e.value("skypatrol_analytics_stage_seconds_total", "source", SOURCE, "stage", stage))
                        .as(stage).isPositive();
            }
            assertThat(e.value("skypatrol_analytics_cpu_seconds_total", "source", SOURCE)).isPositive();
            assertThat(e.value("skypatrol_analytics_decode_cpu_seconds_total", "source", SOURCE)).isPositive()
                    .isLessThanOrEqualTo(e.value("skypatrol_analytics_cpu_seconds_total", "source", SOURCE));
            assertThat(e.value("skypatrol_analytics_dropped_gops_total", "source", SOURCE)).isZero(); // pulled: no GOP queue
            long starts = alerts.stream().filter(a -> a.phase() == AlertPayload.Phase.START).count();
            long speeding = alerts.stream().filter(a -> a.phase() == AlertPayload.Phase.START
                    && a.behaviour().equals("speeding")).count();
            assertThat(speeding).isPositive();
            assertThat(e.value("skypatrol_alerts_raised_total", "behaviour", "speeding")).isEqualTo(speeding);
            assertThat(e.sum("skypatrol_alerts_raised_total")).isEqualTo(starts);
            // the open alerts end when the analysis thread sees the end of the file, maybe after this scrape:
            // the counter (raised before each publish) and the bus must meet
            Await.until(WAIT, () -> scrape.get().value("skypatrol_analytics_alert_phases_total", "source", SOURCE)
                    == alerts.stream().filter(a -> a.sourceId().equals(SOURCE)).count(), () -> "alert phases " + alerts);
            assertThat(e.value("skypatrol_analytics_stage_calls_total", "source", SOURCE, "stage", "evidence"))
                    .isPositive();
        }
    }
}
