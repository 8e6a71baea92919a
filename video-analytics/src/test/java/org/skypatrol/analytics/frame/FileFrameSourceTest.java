package org.skypatrol.analytics.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFrameSourceTest {

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void makeClip() throws Exception {
        clip = TestClips.movingBox(dir, 4, 60);               // 100 frames at 25 fps
    }

    @Test
    void next_at5fps_keepsEveryFifthFrameWithFrameTimes_skipsTheRestUnconverted() throws Exception {
        List<double[]> kept = new ArrayList<>();
        try (FileFrameSource s = new FileFrameSource(clip, 5)) {
            while (true) {
                var f = s.next();
                if (f.isEmpty()) {
                    break;
                }
                try (AnalysisFrame fr = f.get()) {
                    kept.add(new double[] {fr.index(), fr.timeSeconds()});
                    assertThat(fr.width()).isEqualTo(320);
                    assertThat(fr.bgr().channels()).isEqualTo(3);
                }
            }
            assertThat(s.stats().decoded.get()).isEqualTo(100);
            assertThat(s.stats().analysed.get()).isEqualTo(20);
            assertThat(s.stats().skipped.get()).isEqualTo(80);
            assertThat(s.stats().decodeErrors.get()).isZero();
        }
        assertThat(kept.get(1)[0]).isEqualTo(5);
        assertThat(kept.get(1)[1]).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(kept.get(19)[1]).isCloseTo(3.8, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void open_notAVideo_clearMessage() throws Exception {
        Path junk = dir.resolve("junk.mp4");
        Files.write(junk, new byte[4096]);
        assertThatThrownBy(() -> new FileFrameSource(junk, 5)).isInstanceOf(FrameSourceException.class)
                .hasMessageContaining("cannot open video").hasMessageContaining("junk.mp4");
        assertThatThrownBy(() -> new FileFrameSource(dir.resolve("missing.mp4"), 5))
                .hasMessageContaining("no such file");
    }

    @Test
    void next_truncatedFile_endsEarly_fewerFramesThanAnnounced() throws Exception {
        // Regression guard: a recording cut mid-write must end cleanly, and the shortfall must be visible.
        byte[] whole = Files.readAllBytes(clip);
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        try (FileFrameSource s = new FileFrameSource(cut, 0)) {
            int n = 0;
            while (s.next().map(f -> {
                f.close();
                return true;
            }).orElse(false)) {
                n++;
            }
            assertThat(n).isLessThan(100);
            assertThat(s.announcedFrames()).isEqualTo(100);
        } catch (FrameSourceException e) {
            assertThat(e.getMessage()).contains("cut.mp4");       // moov atom at the end: unreadable is also clear
        }
    }

    @Test
    void next_bitFlippedStream_decodeErrorsCounted_noCrash() throws Exception {
        Path noisy = dir.resolve("noisy.ts");
        TestClips.run(List.of("ffmpeg", "-loglevel", "error", "-y", "-i", clip.toString(), "-c", "copy",
                "-bsf:v", "h264_mp4toannexb,noise=amount=200", "-f", "mpegts", noisy.toString()));
        try (FileFrameSource s = new FileFrameSource(noisy, 0)) {
            int n = 0;
            while (s.next().map(f -> {
                f.close();
                return true;
            }).orElse(false)) {
                n++;
            }
            assertThat(n).isPositive();
            assertThat(s.stats().decodeErrors.get()).isPositive();
        }
    }

    @Test
    void next_resolutionChangeMidStream_framesKeepComing_detectorRelearns() throws Exception {
        // FAULTS V4: an SPS change (320x240 -> 160x120) in one MPEG-TS stream must not throw.
        Path small = dir.resolve("small.ts");
        Path big = dir.resolve("big.ts");
        TestClips.run(List.of("ffmpeg", "-loglevel", "error", "-y", "-i", clip.toString(), "-t", "1", "-c:v", "libx264",
                "-preset", "ultrafast", "-f", "mpegts", big.toString()));
        TestClips.run(List.of("ffmpeg", "-loglevel", "error", "-y", "-i", clip.toString(), "-t", "1", "-vf", "scale=160:120",
                "-c:v", "libx264", "-preset", "ultrafast", "-f", "mpegts", small.toString()));
        Path both = dir.resolve("both.ts");
        Files.write(both, Files.readAllBytes(big));
        Files.write(both, Files.readAllBytes(small), java.nio.file.StandardOpenOption.APPEND);
        var scene = org.skypatrol.analytics.scene.SceneParser.parse("s", """
                id: s
                camera:
                  type: fixed
                  width: 320
                  height: 240
                  calibration:
                    - {pixel: [0, 240], ground: [0, 0]}
                    - {pixel: [320, 240], ground: [16, 0]}
                    - {pixel: [320, 0], ground: [16, 12]}
                    - {pixel: [0, 0], ground: [0, 12]}
                """);
        var view = new org.skypatrol.analytics.scene.SceneGeometry(scene).view();
        java.util.Set<Integer> widths = new java.util.HashSet<>();
        try (FileFrameSource s = new FileFrameSource(both, 0);
             var det = new org.skypatrol.analytics.detect.ClassicalDetector(
                     org.skypatrol.analytics.detect.ClassicalSettings.defaults(false))) {
            while (true) {
                var f = s.next();
                if (f.isEmpty()) {
                    break;
                }
                try (AnalysisFrame fr = f.get()) {
                    widths.add(fr.width());
                    det.detect(fr, view);
                }
            }
            assertThat(s.stats().decoded.get()).isGreaterThan(40);
        }
        assertThat(widths).contains(320, 160);
    }
}
