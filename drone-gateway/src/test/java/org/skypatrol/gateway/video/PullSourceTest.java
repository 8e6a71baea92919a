package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.CameraStatusEvent;
import org.skypatrol.gateway.events.CameraStatusEvent.State;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;
import org.skypatrol.testing.SharedData;

/** Our pull client (FFmpeg through JavaCV) against files and GStreamer's RTSP server (FAULTS V1, V2). */
class PullSourceTest {

    @TempDir
    Path data;

    private final List<Process> processes = new ArrayList<>();
    private final List<CameraStatusEvent> statuses = new CopyOnWriteArrayList<>();
    private final List<SourceSupervisor> supervisors = new ArrayList<>();
    private RecordingStore store;
    private VideoHub hub;

    @BeforeEach
    void start() throws Exception {
        store = RecordingStore.open(data);
        EventBus events = new EventBus();
        events.subscribe(CameraStatusEvent.class, statuses::add);
        hub = new VideoHub(new VideoConfig.Recording(true, 2, 1, 0, 0), data.resolve("recordings"), store, events,
                Clock.systemUTC(), Duration.ofMillis(200));
        hub.start();
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        supervisors.forEach(SourceSupervisor::close);
        hub.close();
        store.close();
    }

    private SourceSupervisor supervise(String id, String url, boolean loop, boolean realTime) {
        SourceSupervisor s = new SourceSupervisor(new VideoConfig.Source(id, url, loop, realTime, null, 2), hub,
                Duration.ofMillis(200), Duration.ofSeconds(1));
        supervisors.add(s);
        s.start();
        return s;
    }

    @Test
    void mp4File_noLoop_everyFrameRecordedThenStopped() throws Exception {
        Path clip = VideoTestSupport.clip(5, 320, 240, 25);
        SourceSupervisor s = supervise("file1", clip.toString(), false, false);
        VideoTestSupport.await(Duration.ofSeconds(20), () -> s.feed().state() == State.STOPPED, "file finished");
        assertThat(s.feed().frames()).isEqualTo(125);
        VideoTestSupport.await(Duration.ofSeconds(5), () -> s.feed().idle() && !s.feed().status().recording(), "segment closed");
        int frames = 0;
        for (RecordingStore.Segment seg : store.segments("file1", Instant.EPOCH, Instant.now().plusSeconds(60))) {
            assertThat(VideoTestSupport.decodeErrors(seg.path())).isEmpty();
            frames += VideoTestSupport.probe(seg.path()).frames();
        }
        assertThat(frames).isEqualTo(125);
    }

    @Test
    void realFootage_sharedData_recordedWithoutReencoding() throws Exception {
        Path video = SharedData.file("video/evadb_ua_detrac.mp4");
        SourceSupervisor s = supervise("tud", video.toString(), false, false);
        VideoTestSupport.await(Duration.ofSeconds(20), () -> s.feed().state() == State.STOPPED, "file finished");
        assertThat(s.feed().frames()).isEqualTo(252);
        VideoTestSupport.await(Duration.ofSeconds(5), () -> s.feed().idle() && !s.feed().status().recording(), "segment closed");
        List<RecordingStore.Segment> segs = store.segments("tud", Instant.EPOCH, Instant.now().plusSeconds(60));
        assertThat(segs).isNotEmpty();
        assertThat(VideoTestSupport.probe(segs.get(0).path()).width()).isEqualTo(960);
        int frames = 0;
        for (RecordingStore.Segment seg : segs) {
            assertThat(VideoTestSupport.decodeErrors(seg.path())).isEmpty(); // B-frames: DTS written
            frames += VideoTestSupport.probe(seg.path()).frames();
        }
        assertThat(frames).isEqualTo(252);
    }

    @Test
    void gstreamerRtspServer_killedAndRestarted_reconnectsAndEverySegmentPlays() throws Exception {
        Path clip = VideoTestSupport.clip(5, 320, 240, 25);
        int port = VideoTestSupport.freePort();
        Process gst = startGst(port, clip);
        SourceSupervisor s = supervise("cam1", "rtsp://127.0.0.1:" + port + "/cam", false, false);
        VideoTestSupport.await(Duration.ofSeconds(15), () -> s.feed().frames() >= 50, "frames from GStreamer");
        assertThat(s.feed().state()).isEqualTo(State.STREAMING);

        gst.destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        VideoTestSupport.await(Duration.ofSeconds(8), () -> s.feed().state() != State.STREAMING, "drop noticed (V1)");
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(8));
        long framesBefore = s.feed().frames();

        startGst(port, clip);
        VideoTestSupport.await(Duration.ofSeconds(15), () -> s.feed().frames() >= framesBefore + 25
                && s.feed().state() == State.STREAMING, "reconnected (V2)");
        assertThat(s.feed().restarts()).isGreaterThanOrEqualTo(1);
        assertThat(statuses).anyMatch(st -> st.cameraId().equals("cam1") && st.state() == State.RECONNECTING);
        s.close();
        VideoTestSupport.await(Duration.ofSeconds(5), () -> s.feed().idle() && !s.feed().status().recording(), "segment closed");

        List<RecordingStore.Segment> segs = store.segments("cam1", Instant.EPOCH, Instant.now().plusSeconds(60));
        assertThat(segs).hasSizeGreaterThanOrEqualTo(2);
        for (RecordingStore.Segment seg : segs) {
            assertThat(VideoTestSupport.decodeErrors(seg.path())).as(seg.path().toString()).isEmpty();
            assertThat(VideoTestSupport.probe(seg.path()).frames()).isPositive();
        }
    }

    private Process startGst(int port, Path clip) throws Exception {
        Path script = SharedData.repoRoot().resolve("tools/gst-rtsp/serve_file.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(port), clip.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        return p;
    }
}
