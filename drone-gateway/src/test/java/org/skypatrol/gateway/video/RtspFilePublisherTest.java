package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.events.CameraStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.samples.rtsp.RtspFilePublisher;

/**
 * The simulator's RTSP publisher ({@code skypatrol simulate publish}) against our publish server and
 * against an independent one (Debian's ffmpeg listening as an RTSP server): every frame arrives, and
 * a looped file keeps one session with increasing timestamps.
 */
class RtspFilePublisherTest {

    @TempDir
    Path data;

    private final List<Process> processes = new ArrayList<>();
    private PublishRig rig;
    private RecordingStore store;
    private VideoHub hub;
    private RtspPublishServer server;

    @BeforeEach
    void start() throws Exception {
        rig = new PublishRig(data, new EventBus());
        store = rig.store;
        hub = rig.hub;
        server = rig.server;
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        rig.close();
    }

    @Test
    void publish_toOurServer_everyFrameRecordedInDecodableSegments() throws Exception {
        Path clip = VideoTestSupport.clip(3, 320, 240, 25);
        RtspFilePublisher publisher = new RtspFilePublisher(clip,
                "rtsp://127.0.0.1:" + server.port() + "/drones/sim-1", false, true);
        publisher.run(() -> true);

        assertThat(publisher.packets()).isEqualTo(75);
        SourceFeed feed = hub.feed("sim-1", "sim-1");
        // the publisher's TEARDOWN ends the stream (the last segment closes): wait for that, then for the writer
        VideoTestSupport.await(Duration.ofSeconds(10), () -> feed.state() != CameraStatusEvent.State.STREAMING
                && feed.idle(), "stream ended and written");
        assertThat(feed.frames()).isEqualTo(75);
        assertThat(feed.drops()).isZero();
        List<RecordingStore.Segment> segs = store.segments("sim-1", Instant.EPOCH, Instant.now().plusSeconds(60));
        assertThat(segs).isNotEmpty();
        int frames = 0;
        for (RecordingStore.Segment s : segs) {
            assertThat(VideoTestSupport.decodeErrors(s.path())).isEmpty();
            frames += VideoTestSupport.probe(s.path()).frames();
        }
        assertThat(frames).isEqualTo(75);
    }

    @Test
    void publish_looped_keepsOneSessionAndIncreasingTimestamps() throws Exception {
        Path clip = VideoTestSupport.clip(1, 320, 240, 25);
        RtspFilePublisher publisher = new RtspFilePublisher(clip,
                "rtsp://127.0.0.1:" + server.port() + "/drones/sim-2", true, true);
        SourceFeed[] feed = new SourceFeed[1];
        publisher.run(() -> {                       // stop once two and a half plays have arrived
            feed[0] = hub.feeds().stream().filter(f -> f.id().equals("sim-2")).findFirst().orElse(null);
            return feed[0] == null || feed[0].frames() < 63;
        });

        assertThat(publisher.loops()).isGreaterThanOrEqualTo(2);
        VideoTestSupport.await(Duration.ofSeconds(10), () -> feed[0].state() != CameraStatusEvent.State.STREAMING
                && feed[0].idle(), "stream ended and written");
        assertThat(feed[0].restarts()).isZero();
        assertThat(feed[0].drops()).isZero();
        List<RecordingStore.Segment> segs = store.segments("sim-2", Instant.EPOCH, Instant.now().plusSeconds(60));
        int frames = 0;
        for (RecordingStore.Segment s : segs) {
            assertThat(VideoTestSupport.decodeErrors(s.path())).isEmpty();
            frames += VideoTestSupport.probe(s.path()).frames();
        }
        assertThat(frames).isEqualTo(publisher.packets());
    }

    @Test
    void publish_toFfmpegListening_anIndependentServerReceivesEveryFrame() throws Exception {
        Path clip = VideoTestSupport.clip(3, 320, 240, 25);
        Path received = data.resolve("received.mp4");
        int port = VideoTestSupport.freePort();
        Process listener = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-rtsp_flags", "listen",
                "-i", "rtsp://127.0.0.1:" + port + "/live", "-c", "copy", "-y", received.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(listener);
        RtspFilePublisher publisher = new RtspFilePublisher(clip, "rtsp://127.0.0.1:" + port + "/live", false, true);
        Exception[] last = new Exception[1];
        // until ffmpeg listens: a refused connection is retried (Await polls every 5 ms)
        Await.until(Duration.ofSeconds(20), () -> {
            try {
                publisher.run(() -> true);
                return true;
            } catch (Exception e) {
                if (publisher.packets() > 0) {
                    throw new AssertionError("publishing broke off after it started", e);
                }
                last[0] = e;
                return false;
            }
        }, () -> "ffmpeg listening (last refusal: " + last[0] + ")");
        assertThat(listener.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(VideoTestSupport.probe(received).frames()).isEqualTo(75);
        assertThat(VideoTestSupport.decodeErrors(received)).isEmpty();
    }
}
