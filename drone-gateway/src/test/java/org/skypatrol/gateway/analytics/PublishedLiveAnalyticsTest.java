package org.skypatrol.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
import org.skypatrol.gateway.events.CameraStatusEvent;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.gateway.store.RecordingStore;
import org.skypatrol.gateway.video.SourceFeed;
import org.skypatrol.protocols.telemetry.Telemetry;
import org.skypatrol.samples.scenegen.ScenarioRenderer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

    /** {@code clip} re-encoded by Debian's ffmpeg with {@code args}, once per test JVM under {@code target/}. */
    static synchronized Path transcode(Path clip, String name, String... args) throws Exception {
        Path out = Path.of("target", "live-clips", name).toAbsolutePath();
        if (!Files.isRegularFile(out)) {
            Files.createDirectories(out.getParent());
            Path tmp = out.resolveSibling(name + "." + ProcessHandle.current().pid() + ".tmp.mp4");
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i",
                    clip.toString()));
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("-an", "-threads", "1", "-pix_fmt", "yuv420p", tmp.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(text).isTrue();
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }

    /** Frames in a file, counted by decoding it ({@code ffprobe -count_frames}). */
    static int frames(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Integer.parseInt(out.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow().trim()); // TS: listed per program too
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
            // the analysis thread may still hold a few selected frames: every frame ends up skipped, analysed or dropped
            Await.until(Duration.ofSeconds(20), () -> {
                SourceCounters n = live.counters().get(0);
                return n.skipped() + n.analysed() + n.dropped() == LiveClips.FRAMES;
            }, live::summary);
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

    @Test
    void decoderStalled_wholeGopsDropped_ingestAndRecordingKeepEveryFrame_decodingResumesCleanlyAtAKeyframe()
            throws Exception {
        // the test clip with a keyframe every 2 pictures: 25 GOPs in 50 pictures
        Path clip = transcode(LiveClips.speeding().resolve("video.mp4"), "speeding-gop2.mp4", "-c:v", "libx264",
                "-preset", "ultrafast", "-bf", "0", "-g", "2", "-keyint_min", "2", "-sc_threshold", "0");
        CountDownLatch release = new CountDownLatch(1);
        try (Wiring w = new Wiring(config(dir, "patrol-2", LiveClips.speeding().resolve("scene.yaml")),
                Clock.systemUTC())) {
            LiveAnalytics live = w.analytics();
            live.beforeDecode(() -> {                  // the decode thread stalls until released
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            w.start();
            Process p = publish(clip, "rtsp://127.0.0.1:" + w.video().rtsp().port() + "/drones/patrol-2");
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            SourceFeed feed = w.video().hub().feed("patrol-2", "patrol-2");
            // the publisher's TEARDOWN ends the stream and closes the last segment: wait for that too
            Await.until(Duration.ofSeconds(10), () -> feed.state() != CameraStatusEvent.State.STREAMING
                    && feed.idle() && feed.frames() == LiveClips.FRAMES, () -> "feed " + feed.frames());
            // ingest and the recording never waited for the stalled analysis: every picture recorded
            assertThat(feed.drops()).isZero();
            List<RecordingStore.Segment> segments = w.video().store().segments("patrol-2");
            int recorded = 0;
            for (RecordingStore.Segment seg : segments) {
                recorded += frames(seg.path());
            }
            assertThat(recorded).isEqualTo(LiveClips.FRAMES);

            release.countDown();
            Await.until(Duration.ofSeconds(20), () -> {
                SourceCounters c = live.counters().get(0);
                return c.decoded() + c.lostUnits() == LiveClips.FRAMES && c.state().equals("waiting");
            }, live::summary);
            SourceCounters c = live.counters().get(0);
            // the queue kept the newest 3 GOPs; the 22 older ones were dropped whole, never a single picture
            assertThat(c.droppedGops()).as(c.line()).isEqualTo(25 - SourceAnalysis.QUEUE_GOPS);
            assertThat(c.lostUnits()).as(c.line()).isEqualTo(2L * c.droppedGops());
            assertThat(c.decoded()).as(c.line()).isEqualTo(2L * SourceAnalysis.QUEUE_GOPS);
            assertThat(c.decodeErrors()).as(c.line()).isZero();
            assertThat(c.line()).contains("dropped GOPs 22 (44 units lost)");
        }
    }

    @Test
    void publishedH265DroneStreamWithBFrames_analysedThroughThePublishingDronesTelemetryPose() throws Exception {
        Path drone = LiveClips.cut("illegal_parking-positive-drone", 3);
        Path clip = transcode(drone.resolve("video.mp4"), "drone-h265-bframes.mp4", "-c:v", "libx265",
                "-preset", "ultrafast", "-x265-params", "log-level=error:bframes=2:keyint=10:min-keyint=10:scenecut=0");
        int frames = frames(clip);
        assertThat(frames).isEqualTo(30);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        List<Telemetry> track = new ArrayList<>();
        for (String l : Files.readAllLines(drone.resolve("telemetry.jsonl"), StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                track.add(json.readValue(l, Telemetry.class));
            }
        }
        String droneId = track.get(0).droneId();
        // the gateway's clock at the clip's first frame: the stream begins at timeline 0, so its frame
        // times (from the RTP timestamps) are the clip's own times and the telemetry lines up with them
        Clock clock = Clock.fixed(ScenarioRenderer.VIDEO_START, java.time.ZoneOffset.UTC);
        try (Wiring w = new Wiring(config(dir, droneId, drone.resolve("scene.yaml")), clock)) {
            track.forEach(t -> w.events().publish(new TelemetryEvent(t)));
            w.start();
            LiveAnalytics live = w.analytics();
            Process p = publish(clip, "rtsp://127.0.0.1:" + w.video().rtsp().port() + "/drones/" + droneId);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).decoded() == frames
                    && live.counters().get(0).state().equals("waiting"), live::summary);
            Await.until(Duration.ofSeconds(20), () -> {
                SourceCounters c = live.counters().get(0);
                return c.analysed() + c.withoutPose() + c.dropped() >= c.decoded() - c.skipped();
            }, live::summary);
            SourceCounters c = live.counters().get(0);
            assertThat(c.decodeErrors() + c.lostUnits()).as(c.line()).isZero();
            assertThat(c.analysed()).as(c.line()).isGreaterThanOrEqualTo(14);   // 3 s at 5 fps
            assertThat(c.withoutPose()).as(c.line()).isZero();
        }
    }

    @Test
    void publishedEntries_everyProblemListed_atConfigCheckAndAtStartUp() throws Exception {
        Path drone = LiveClips.cut("illegal_parking-positive-drone", 3);
        Path fixed = LiveClips.speeding().resolve("scene.yaml");
        Path yaml = dir.resolve("gateway.yaml");
        Files.writeString(yaml, """
                video:
                  rtspServer: {enabled: false}
                  sources:
                    - {id: cam-1, url: "%s"}
                analytics:
                  sources:
                    - {sourceId: cam-1, published: true, scene: "%s"}
                    - {sourceId: "bad/id", published: true, scene: "%s"}
                    - {sourceId: someone-else, published: true, scene: "%s"}
                    - {sourceId: patrol-9, scene: "%s"}
                """.formatted(LiveClips.speeding().resolve("video.mp4"), fixed, fixed, drone.resolve("scene.yaml"),
                fixed), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new org.skypatrol.gateway.config.ConfigLoader().load(yaml, java.util.Map.of(),
                java.util.Map.of()))
                .hasMessageContaining("analytics.sources[0].sourceId: 'cam-1' is both published and a pulled source")
                .hasMessageContaining("analytics.sources[0].published: needs the RTSP publish server")
                .hasMessageContaining("analytics.sources[1].sourceId: a published drone id must be")
                .hasMessageContaining("analytics.sources[2].scene")
                .hasMessageContaining("camera.droneId is 'drone-sim-1' but the stream is published by drone 'someone-else'")
                .hasMessageContaining("analytics.sources[3].sourceId: no video source 'patrol-9'")
                .hasMessageContaining("set published: true");

        // built in code (no loader): the start lists the drone mismatch too
        GatewayConfig good = config(dir, "drone-sim-1", drone.resolve("scene.yaml"));
        GatewayConfig bad = new GatewayConfig(good.gateway(), good.mavlink(), good.mqtt(), good.video(),
                new AnalyticsConfig(true, List.of(new AnalyticsConfig.Source("someone-else",
                        drone.resolve("scene.yaml").toString(), 5.0, null, null, null, true))), good.broadcast());
        try (Wiring w = new Wiring(bad, Clock.systemUTC())) {
            assertThatThrownBy(w::start).hasMessageContaining("live analytics cannot start")
                    .hasMessageContaining("someone-else").hasMessageContaining("camera.droneId is 'drone-sim-1'");
        }
    }

    /** Access units of a raw Annex-B H.264 stream with delimiters (x264 {@code aud=1}): where each one starts. */
    private static List<Integer> unitStarts(byte[] b) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 4 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 1 && (b[i + 4] & 0x1F) == 9) {
                starts.add(i);
            }
        }
        return starts;
    }

    @Test
    void damagedPublisherThenOneAtAnotherResolution_errorsCounted_decoderAndScalerFollow_analysisGoesOn()
            throws Exception {
        // FAULTS V3: the clip as raw H.264 with noise over the second half of two P-pictures (a keyframe every 20)
        Path raw = transcode(LiveClips.speeding().resolve("video.mp4"), "speeding-aud.h264", "-c:v", "libx264",
                "-preset", "ultrafast", "-bf", "0", "-g", "20", "-sc_threshold", "0", "-x264-params", "aud=1",
                "-f", "h264");
        byte[] b = Files.readAllBytes(raw);
        List<Integer> starts = unitStarts(b);
        assertThat(starts).hasSize(LiveClips.FRAMES);
        java.util.Random noise = new java.util.Random(5);
        for (int unit : new int[] {8, 33}) {
            int end = starts.get(unit + 1);
            for (int k = (starts.get(unit) + end) / 2; k < end; k++) {
                b[k] = (byte) (noise.nextInt(255) + 1);    // never zero: no start code appears
            }
        }
        Path damaged = dir.resolve("damaged.h264");
        Files.write(damaged, b);
        // FAULTS V4: the next publisher sends another resolution (new SPS, new picture size)
        Path small = transcode(LiveClips.speeding().resolve("video.mp4"), "speeding-320x180.mp4", "-vf", "scale=320:180",
                "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "20");

        try (Wiring w = new Wiring(config(dir, "patrol-3", LiveClips.speeding().resolve("scene.yaml")),
                Clock.systemUTC())) {
            w.start();
            LiveAnalytics live = w.analytics();
            String url = "rtsp://127.0.0.1:" + w.video().rtsp().port() + "/drones/patrol-3";
            Process first = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "h264",
                    "-framerate", "10", "-i", damaged.toString(), "-c", "copy", "-f", "rtsp", "-rtsp_transport", "tcp", url)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("damaged.log").toFile()).start();
            publishers.add(first);
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(dir.resolve("damaged.log"))).isZero();
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).state().equals("waiting")
                    && live.counters().get(0).decoded() >= LiveClips.FRAMES - 2, live::summary);
            SourceCounters c = live.counters().get(0);
            assertThat(c.decodeErrors()).as(c.line()).isPositive();
            assertThat(c.lostUnits() + c.droppedGops()).as(c.line()).isZero();
            long analysedFirst = c.analysed();
            assertThat(analysedFirst).as(c.line()).isPositive();

            Process second = publish(small, url);
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long errorsFirst = c.decodeErrors();
            long decodedFirst = c.decoded();
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).decoded() == decodedFirst + LiveClips.FRAMES
                    && live.counters().get(0).state().equals("waiting"), live::summary);
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).analysed() >= analysedFirst + 20,
                    live::summary);
            c = live.counters().get(0);
            assertThat(c.reconnects()).as(c.line()).isEqualTo(1);
            assertThat(c.decodeErrors()).as(c.line()).isEqualTo(errorsFirst);
            assertThat(c.lastError()).as(c.line()).isEqualTo("publisher gone");     // no frame failed in the analysis
        }
    }

    @Test
    void secondPublisherTakesOverWhileTheFirstStillPublishes_firstCutOff_decodingGoesOnWithoutError() throws Exception {
        Path clip = LiveClips.speeding().resolve("video.mp4");
        try (Wiring w = new Wiring(config(dir, "patrol-4", LiveClips.speeding().resolve("scene.yaml")),
                Clock.systemUTC())) {
            w.start();
            LiveAnalytics live = w.analytics();
            String url = "rtsp://127.0.0.1:" + w.video().rtsp().port() + "/drones/patrol-4";
            Process first = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "5",
                    "-i", clip.toString(), "-c", "copy", "-f", "rtsp", "-rtsp_transport", "tcp", url)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
            publishers.add(first);
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).decoded() >= 15, live::summary);

            Process second = publish(clip, url);           // the same drone id, while the first one still sends
            assertThat(first.waitFor(15, TimeUnit.SECONDS)).as("the first publisher is cut off").isTrue();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isZero();
            Await.until(Duration.ofSeconds(20), () -> live.counters().get(0).state().equals("waiting"), live::summary);
            SourceCounters c = live.counters().get(0);
            assertThat(c.reconnects()).as(c.line()).isEqualTo(1);
            assertThat(c.decodeErrors() + c.lostUnits() + c.droppedGops()).as(c.line()).isZero();
            assertThat(c.decoded()).as(c.line()).isGreaterThanOrEqualTo(15 + LiveClips.FRAMES);
            assertThat(w.video().hub().feed("patrol-4", "patrol-4").restarts()).isEqualTo(1);
        }
    }
}
