package org.skypatrol.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.scene.LibraryCameras;
import org.skypatrol.analytics.scene.SceneView;

/**
 * The classical detector on groups of people merged into one blob (the plaza camera of the scenario
 * library, 12 m up, 35° down; people ~28 m out are ~10 x 36 px): the blob's people estimate follows the
 * number of people in it, and its changing share tells people walking from people milling in place.
 */
class ClassicalDetectorPeopleTest {

    private static SceneView view;

    @BeforeAll
    static void setUp() throws Exception {
        view = LibraryCameras.plaza();
    }

    /**
     * A textured plaza (smooth bright and dark patches) with sensor noise of sigma 2 from a seeded
     * java.util.Random: OpenCV's global RNG is left alone, so the other detector tests, which draw their
     * ground from it, see the same numbers whether this test ran first or not.
     */
    private static Mat ground(int frame) {
        Mat m = new Mat(360, 640, opencv_core.CV_8UC3);
        Random noise = new Random(frame);
        try (UByteIndexer idx = m.createIndexer()) {
            for (int y = 0; y < 360; y++) {
                for (int x = 0; x < 640; x++) {
                    double v = 120 + 35 * Math.sin(x / 23.0) * Math.cos(y / 17.0) + 15 * Math.sin((x + y) / 41.0)
                            + 2 * noise.nextGaussian();
                    int g = (int) Math.max(0, Math.min(255, Math.round(v)));
                    idx.put(y, x, 0, g);
                    idx.put(y, x, 1, g);
                    idx.put(y, x, 2, g);
                }
            }
        }
        return m;
    }

    /**
     * The people-shaped moving detections of each frame from 3 s on, summed into one: {@code n} people
     * (10 x 36 px: 0.5 x 1.7 m at the group's 0.048 m per pixel, 2 px apart, shades
     * of dark clothing) side by side, feet on row 95, walking right at {@code walkPx} a frame from
     * frame 10 (2 s), then (when {@code stopAt} >= 0) stopping there and swaying by a pixel or two.
     */
    private static List<Detection> run(int n, double walkPx, int stopAt) {
        List<Detection> out = new ArrayList<>();
        try (ClassicalDetector d = new ClassicalDetector(ClassicalSettings.defaults(false))) {
            for (int k = 0; k < 30; k++) {
                double t = k * 0.2;
                Mat frame = ground(k);
                if (k >= 10) {
                    int walked = stopAt >= 0 ? Math.min(k, stopAt) - 10 : k - 10;
                    double x0 = 150 + walkPx * walked;
                    for (int i = 0; i < n; i++) {
                        double sway = stopAt >= 0 && k > stopAt ? 1.5 * Math.sin(k * 1.7 + i) : 0;
                        int shade = 25 + (i * 37) % 60;
                        opencv_imgproc.rectangle(frame, new Rect((int) Math.round(x0 + 12 * i + sway), 59, 10, 36),
                                new Scalar(shade, shade + 10, 2 * shade, 0), -1, opencv_imgproc.LINE_8, 0);
                    }
                }
                try (AnalysisFrame f = new AnalysisFrame(k, t, frame)) {
                    List<Detection> dets = d.detect(f, view);
                    List<Detection> moving = dets.stream().filter(x -> !x.staticObject() && x.people() > 0).toList();
                    if (k >= 15 && !moving.isEmpty()) {
                        // the group as one: its people summed over its blobs, their change weighted by area
                        double area = moving.stream().mapToDouble(x -> x.box().area()).sum();
                        out.add(new Detection(moving.get(0).box(), ObjectClass.UNKNOWN, 1, false,
                                moving.stream().mapToDouble(Detection::people).sum(),
                                moving.stream().mapToDouble(x -> x.changing() * x.box().area()).sum() / area));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void walkingGroups_holdAboutTheirPeople_andChangeMostly() {
        List<Detection> twelve = run(12, 6, -1);
        List<Detection> six = run(6, 6, -1);
        assertThat(twelve).hasSizeGreaterThan(10);
        assertThat(six).hasSizeGreaterThan(10);
        double p12 = twelve.stream().mapToDouble(Detection::people).average().orElseThrow();
        double p6 = six.stream().mapToDouble(Detection::people).average().orElseThrow();
        assertThat(p12).isBetween(8.0, 17.0);
        assertThat(p6).isBetween(4.0, 9.0);
        assertThat(p12).isGreaterThan(1.3 * p6);            // twice the people: clearly more (gaps and blur make it less than 2x)
        assertThat(twelve).allSatisfy(d -> assertThat(d.changing()).isGreaterThan(0.6));
    }

    @Test
    void aGroupMillingInPlace_changesLittle() {
        List<Detection> dets = run(12, 6, 18);
        // frames 22..29: the group stopped at frame 18 and sways in place
        List<Detection> milling = dets.subList(dets.size() - 8, dets.size());
        assertThat(milling).isNotEmpty();
        assertThat(milling.stream().mapToDouble(Detection::changing).average().orElseThrow()).isLessThan(0.6);
        assertThat(milling.stream().mapToDouble(Detection::people).average().orElseThrow()).isGreaterThan(5.0);
    }
}
