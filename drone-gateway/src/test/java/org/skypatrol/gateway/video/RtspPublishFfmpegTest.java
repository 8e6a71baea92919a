package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.CameraStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;

/** Debian's ffmpeg publishes to our RTSP server (RTP interleaved over TCP); we record MPEG-TS segments. */
class RtspPublishFfmpegTest {

    @TempDir
    Path data;

    private final List<Process> processes = new ArrayList<>();
    private final List<CameraStatusEvent> statuses = new CopyOnWriteArrayList<>();
    private PublishRig rig;
    private RecordingStore store;
    private VideoHub hub;
    private RtspPublishServer server;

    @BeforeEach
    void start() throws Exception {
        EventBus events = new EventBus();
        events.subscribe(CameraStatusEvent.class, statuses::add);
        rig = new PublishRig(data, events);
        store = rig.store;
        hub = rig.hub;
        server = rig.server;
        assertThat(VideoConfig.defaults().rtspServer().port()).isEqualTo(8554);
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        rig.close();
    }

    @Test
    void ffmpegPublish_recordedIntoPlayableSegments_everyFrameKept_thenReconnectCounted() throws Exception {
        Path clip = VideoTestSupport.clip(5, 320, 240, 25);
        String url = "rtsp://127.0.0.1:" + server.port() + "/drones/d1";
        Process p = VideoTestSupport.publish(clip, url);
        processes.add(p);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        VideoTestSupport.await(Duration.ofSeconds(5), () -> statuses.stream().anyMatch(
                s -> s.cameraId().equals("d1") && s.state() == CameraStatusEvent.State.RECONNECTING), "publisher gone");
        VideoTestSupport.await(Duration.ofSeconds(5), () -> segments().stream().mapToLong(RecordingStore.Segment::bytes).sum() > 0
                && hub.feeds().iterator().next().idle(), "last segment closed");

        List<RecordingStore.Segment> segs = segments();
        assertThat(segs).hasSizeGreaterThanOrEqualTo(2);
        int frames = 0;
        for (RecordingStore.Segment s : segs) {
            VideoTestSupport.Probe probe = VideoTestSupport.probe(s.path());
            assertThat(probe.codec()).isEqualTo("h264");
            assertThat(probe.width()).isEqualTo(320);
            assertThat(VideoTestSupport.decodeErrors(s.path())).isEmpty();
            assertThat(Hashing.sha256(s.path())).isEqualTo(s.sha256());
            frames += probe.frames();
        }
        assertThat(frames).isEqualTo(125);
        for (int i = 1; i < segs.size(); i++) {
            assertThat(segs.get(i).start()).isAfterOrEqualTo(segs.get(i - 1).end());
        }

        Process again = VideoTestSupport.publish(clip, url);
        processes.add(again);
        assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
        SourceFeed feed = hub.feed("d1", "d1");
        assertThat(feed.restarts()).isEqualTo(1);
        assertThat(feed.frames()).isEqualTo(250);
    }

    /**
     * A drone link with intra refresh joined after its only IDR picture: recovery point SEIs are its
     * keyframes, so it is recorded from the first one (before, nothing was ever recorded or analysed).
     */
    @Test
    void intraRefreshStreamWithoutIdr_recordedFromItsFirstRecoveryPoint() throws Exception {
        Path stream = VideoTestSupport.intraRefreshJoinedLate(4, 320, 240, 25);
        Process p = VideoTestSupport.publish(stream, "rtsp://127.0.0.1:" + server.port() + "/drones/d1",
                "-f", "h264", "-framerate", "25");
        processes.add(p);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        VideoTestSupport.await(Duration.ofSeconds(5), () -> segments().stream().mapToLong(RecordingStore.Segment::bytes).sum() > 0
                && hub.feeds().iterator().next().idle(), "last segment closed");

        List<RecordingStore.Segment> segs = segments();
        assertThat(segs).isNotEmpty();
        int packets = 0;
        int frames = 0;
        for (RecordingStore.Segment s : segs) {
            VideoTestSupport.Probe probe = VideoTestSupport.probe(s.path());
            assertThat(probe.width()).isEqualTo(320);
            packets += VideoTestSupport.packets(s.path());
            frames += probe.frames();
        }
        // three sweeps of 25 pictures follow the cut: every one is recorded, from the first recovery point on;
        // a decoder shows pictures once a sweep has refreshed the whole picture (FFmpeg: from the second on)
        assertThat(packets).isEqualTo(75);
        assertThat(frames).isBetween(25, 75);
    }

    private List<RecordingStore.Segment> segments() {
        try {
            return store.segments("d1", Instant.EPOCH, Instant.now().plusSeconds(60));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
