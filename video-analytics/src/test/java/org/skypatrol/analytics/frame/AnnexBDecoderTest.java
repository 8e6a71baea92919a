package org.skypatrol.analytics.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FFmpeg's decoder on Annex-B access units as a publisher's depacketizer delivers them: a raw H.264
 * stream written by Debian's ffmpeg (x264 with access unit delimiters), split at each delimiter.
 */
class AnnexBDecoderTest {

    @TempDir
    Path dir;

    /** 50 access units of testsrc 320x240 at 25 fps, a keyframe every 25, no B-frames. */
    private List<byte[]> accessUnits() throws Exception {
        Path out = dir.resolve("clip.h264");
        TestClips.run(List.of("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=25:duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0",
                "-g", "25", "-sc_threshold", "0", "-x264-params", "aud=1", "-threads", "1", "-pix_fmt", "yuv420p",
                "-f", "h264", out.toString()));
        byte[] b = Files.readAllBytes(out);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 4 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 1 && (b[i + 4] & 0x1F) == 9) {
                starts.add(i);                          // access unit delimiter (H.264 NAL type 9)
            }
        }
        List<byte[]> units = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            units.add(Arrays.copyOfRange(b, starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : b.length));
        }
        return units;
    }

    @Test
    void everyAccessUnit_onePictureInOrderWithItsTime_convertedToBgr() throws Exception {
        List<byte[]> units = accessUnits();
        assertThat(units).hasSize(50);
        List<Long> times = new ArrayList<>();
        double[] mean = new double[1];
        try (AnnexBDecoder d = new AnnexBDecoder(AnnexBDecoder.Codec.H264)) {
            for (int i = 0; i < units.size(); i++) {
                int n = d.decode(units.get(i), 3600L * i, (t, p) -> {
                    times.add(t);
                    if (times.size() == 1) {
                        try (Mat bgr = p.toBgr()) {
                            assertThat(bgr.cols()).isEqualTo(320);
                            assertThat(bgr.rows()).isEqualTo(240);
                            assertThat(bgr.channels()).isEqualTo(3);
                            Scalar m = opencv_core.mean(bgr);
                            mean[0] = m.get(0) + m.get(1) + m.get(2);
                        }
                    }
                });
                assertThat(n).as("unit %d", i).isEqualTo(1);   // no delay: one picture per unit
            }
            assertThat(d.drain((t, p) -> times.add(t))).isZero();
            assertThat(d.errors()).isZero();
            assertThat(d.pictures()).isEqualTo(50);
        }
        assertThat(times).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 50).map(i -> 3600 * i)
                .boxed().toList());
        assertThat(mean[0]).as("testsrc's colour bars, not a black picture").isGreaterThan(100);
    }

    @Test
    void unitsWithoutTheirKeyframe_noPictureUntilTheNextKeyframe_damagedUnitsCounted() throws Exception {
        List<byte[]> units = accessUnits();
        try (AnnexBDecoder d = new AnnexBDecoder(AnnexBDecoder.Codec.H264)) {
            // joins at unit 5: units 5..24 reference a keyframe (and parameter sets) it never saw
            int pictures = 0;
            for (int i = 5; i < 25; i++) {
                pictures += d.decode(units.get(i), i, (t, p) -> { });
            }
            assertThat(pictures).isZero();
            assertThat(d.errors()).as("refused units are counted").isPositive();
            long before = d.errors();
            for (int i = 25; i < 50; i++) {
                pictures += d.decode(units.get(i), i, (t, p) -> { });
            }
            assertThat(pictures).isEqualTo(25);
            assertThat(d.errors()).isEqualTo(before);
        }
        try (AnnexBDecoder d = new AnnexBDecoder(AnnexBDecoder.Codec.H264)) {
            int pictures = 0;
            for (int i = 0; i < 50; i++) {
                byte[] u = units.get(i).clone();
                if (i == 30) {                          // noise over the second half of a P picture's slice data
                    java.util.Random noise = new java.util.Random(30);
                    for (int k = u.length / 2; k < u.length; k++) {
                        u[k] = (byte) (noise.nextInt(255) + 1);   // no zero: no start code appears
                    }
                }
                pictures += d.decode(u, i, (t, p) -> { });
            }
            pictures += d.drain((t, p) -> { });
            assertThat(d.errors()).as("the damaged picture and the pictures that reference it").isPositive();
            assertThat(pictures + d.errors()).isGreaterThanOrEqualTo(49);
        }
    }
}
