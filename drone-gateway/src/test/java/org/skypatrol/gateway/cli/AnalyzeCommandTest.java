package org.skypatrol.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.analytics.events.AlertEvent;
import org.skypatrol.analytics.events.EventsWriter;
import org.skypatrol.analytics.events.Phase;

/** {@code skypatrol analyze} and {@code scene check} end to end on a clip made by the real ffmpeg. */
class AnalyzeCommandTest {

    static final String SCENE = """
            id: box-cam
            camera:
              type: fixed
              width: 320
              height: 240
              calibration:
                - {pixel: [0, 240], ground: [0, 0]}
                - {pixel: [320, 240], ground: [16, 0]}
                - {pixel: [320, 0], ground: [16, 12]}
                - {pixel: [0, 0], ground: [0, 12]}
            zones:
              - {id: yard, kind: restricted, pixels: [[200, 0], [320, 0], [320, 240], [200, 240]]}
            """;

    private static int run(PrintStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(err);
        try {
            return SkyPatrolCli.newCommandLine().execute(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void analyze_clipWithIntruder_writesStartAndEndEvents_andSummary(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("box.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "color=c=0x606060:s=320x240:r=25:d=5",
                "-f", "lavfi", "-i", "color=c=white:s=12x30:r=25:d=5",
                "-filter_complex", "[0][1]overlay=x='20+t*60':y=150", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", clip.toString()).redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        Path scene = Files.writeString(dir.resolve("scene.yaml"), SCENE);
        Path events = dir.resolve("events.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(new PrintStream(err, true, StandardCharsets.UTF_8), "analyze", clip.toString(),
                "--scene", scene.toString(), "--events", events.toString(), "--no-progress");
        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(log).isZero();
        List<AlertEvent> out = Files.readAllLines(events).stream().map(l -> {
            try {
                return EventsWriter.fromJson(l);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(out).extracting(AlertEvent::behaviour).containsOnly("restricted_area_intrusion");
        assertThat(out).extracting(AlertEvent::phase).containsExactly(Phase.START, Phase.END);
        assertThat(Files.exists(Path.of(out.get(0).snapshot()))).isTrue();
        assertThat(log).contains("frames: decoded 125, analysed 25").contains("restricted_area_intrusion      1 started, 1 ended");
    }

    @Test
    void analyzeAndSceneCheck_badScene_everyProblemWithItsLine_exit2(@TempDir Path dir) throws Exception {
        Path scene = Files.writeString(dir.resolve("bad.yaml"), SCENE.replace("kind: restricted", "kind: forbidden")
                + "rules:\n  speeding: {tolerance: 3}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(new PrintStream(err, true, StandardCharsets.UTF_8), "analyze", dir.resolve("none.mp4").toString(),
                "--scene", scene.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 12: unknown zone kind 'forbidden'");
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        Path ok = Files.writeString(dir.resolve("ok.yaml"), SCENE + "rules:\n  speeding: {tolerance: 3}\n");
        assertThat(run(new PrintStream(err2, true, StandardCharsets.UTF_8), "scene", "check", ok.toString())).isEqualTo(2);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("line 14: rules.speeding: unknown parameter 'tolerance'");
    }
}
