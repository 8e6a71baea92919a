package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.cli.SkyPatrolCli;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.CameraStatusEvent.State;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;

/** Clips stitched from segments by remuxing only, checked with ffprobe; gaps reported (issue 4, replay). */
class ReplayExportTest {

    @TempDir
    Path data;

    private List<RecordingStore.Segment> record(String source) throws Exception {
        try (RecordingStore store = RecordingStore.open(data)) {
            VideoHub hub = new VideoHub(new VideoConfig.Recording(true, 2, 1, 0, 0), data.resolve("recordings"), store,
                    new EventBus(), Clock.systemUTC(), Duration.ofSeconds(1));
            hub.start();
            SourceSupervisor s = new SourceSupervisor(new VideoConfig.Source(source,
                    VideoTestSupport.clip(5, 320, 240, 25).toString(), false, false, null, 2), hub,
                    Duration.ofMillis(100), Duration.ofSeconds(1));
            s.start();
            VideoTestSupport.await(Duration.ofSeconds(20), () -> s.feed().state() == State.STOPPED && s.feed().idle(),
                    "file recorded");
            s.close();
            hub.close();
            return store.segments(source, Instant.EPOCH, Instant.now().plusSeconds(3600));
        }
    }

    @Test
    void export_middleThreeSeconds_acrossSegments_remuxedNotReencoded() throws Exception {
        List<RecordingStore.Segment> segs = record("f1");
        assertThat(segs).hasSizeGreaterThanOrEqualTo(2);
        Instant t0 = segs.get(0).start();
        Path out = data.resolve("clip.mp4");
        ClipExporter.Clip clip = ClipExporter.export(segs, t0.plusSeconds(1), t0.plusSeconds(4), out);
        assertThat(clip.gaps()).isEmpty();
        VideoTestSupport.Probe p = VideoTestSupport.probe(out);
        assertThat(p.codec()).isEqualTo("h264");
        assertThat(p.width()).isEqualTo(320);
        assertThat(p.frames()).isEqualTo(75); // keyframes every second: frames 25..99
        assertThat(p.durationSeconds()).isBetween(2.9, 3.1);
        assertThat(VideoTestSupport.decodeErrors(out)).isEmpty();
        // remux only: the MP4's first picture is byte-identical to the recorded one
        String recorded = VideoTestSupport.run(Duration.ofSeconds(20), "ffmpeg", "-v", "error", "-i", out.toString(),
                "-c", "copy", "-bsf:v", "h264_mp4toannexb", "-frames:v", "1", "-f", "md5", "-");
        String original = VideoTestSupport.run(Duration.ofSeconds(20), "ffmpeg", "-v", "error", "-ss", "1",
                "-i", VideoTestSupport.clip(5, 320, 240, 25).toString(), "-c", "copy", "-bsf:v", "h264_mp4toannexb",
                "-frames:v", "1", "-f", "md5", "-");
        assertThat(recorded).isEqualTo(original);
    }

    @Test
    void cli_listAndExport_reportGapsOutsideTheRecording() throws Exception {
        List<RecordingStore.Segment> segs = record("f2");
        Instant t0 = segs.get(0).start();
        Instant end = segs.get(segs.size() - 1).end();
        String from = t0.minusSeconds(3).toString();
        String to = end.plusSeconds(3).toString();
        Path out = data.resolve("all.mp4");
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int listCode;
        int exportCode;
        try {
            PrintStream ps = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(ps);
            System.setErr(ps);
            listCode = SkyPatrolCli.newCommandLine().execute("replay", "--set", "gateway.dataDir=" + data,
                    "list", "--source", "f2", "--from", from, "--to", to);
            exportCode = SkyPatrolCli.newCommandLine().execute("replay", "--set", "gateway.dataDir=" + data,
                    "export", "--source", "f2", "--from", from, "--to", to, "--out", out.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(listCode).as(text).isZero();
        assertThat(exportCode).as(text).isZero();
        assertThat(text.lines().filter(l -> l.startsWith("gap  ")).count()).isEqualTo(2);
        assertThat(text).contains("gap in the recording");
        assertThat(VideoTestSupport.probe(out).frames()).isEqualTo(125);
    }
}
