package org.skypatrol.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.geo.Homography;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.analytics.scene.SceneView;

/**
 * The classical detector on a camera that moves over textured ground (a drone patrolling): with the
 * motion compensated, the static ground gives no detections (no ghosts), while a real moving object
 * still does. Frames are crops of one large textured canvas taken at a moving offset (sub-pixel
 * steps, resampled), each with its own pixel-to-ground mapping, as a drone's poses give them.
 */
class ClassicalDetectorMotionTest {

    private static final double M_PER_PX = 0.05;
    /** Camera motion per analysed frame in canvas pixels (the ground moves the other way in the image). */
    private static final double DX = 2.7;
    private static final double DY = -4.3;
    private static SyntheticGround ground;
    private static Scene scene;

    @BeforeAll
    static void texture() throws Exception {
        ground = new SyntheticGround();
        scene = SceneParser.parse("moving", """
                id: moving
                camera:
                  type: fixed
                  width: 640
                  height: 360
                  calibration:
                    - {pixel: [0, 0], ground: [0, 0]}
                    - {pixel: [640, 0], ground: [32, 0]}
                    - {pixel: [640, 360], ground: [32, 18]}
                    - {pixel: [0, 360], ground: [0, 18]}
                """);
    }

    @AfterAll
    static void free() {
        ground.close();
    }

    /** The crop of frame k: canvas pixel = frame pixel + (100 + k*DX, 150 + k*DY), resampled. */
    private static Mat frame(int k, Rect car) {
        return ground.frame(100 + k * DX, 150 + k * DY, car, 1.0);
    }

    /** Frame k's pixel→ground mapping: ground metres = (canvas pixel) x 5 cm. */
    private static SceneView view(int k, boolean moving) {
        double ox = moving ? 100 + k * DX : 0;
        double oy = moving ? 150 + k * DY : 0;
        Homography h = new Homography(new double[] {M_PER_PX, 0, ox * M_PER_PX, 0, M_PER_PX, oy * M_PER_PX, 0, 0, 1});
        return new SceneView(scene, h, null, List.of(), List.of());
    }

    /** Frames registered by pose prediction and by image features in the last {@link #run}. */
    private static long lastPredicted;
    private static long lastEstimated;

    private static List<List<Detection>> run(ClassicalSettings settings, boolean posesKnown, boolean withCar) {
        List<List<Detection>> out = new ArrayList<>();
        try (ClassicalDetector d = new ClassicalDetector(settings)) {
            for (int k = 0; k < 30; k++) {
                // a car driving through the image at 12 px per frame on top of the camera motion
                Rect car = withCar && k >= 12 ? new Rect(60 + 12 * (k - 12), 200, 60, 30) : null;
                try (AnalysisFrame f = new AnalysisFrame(k, k * 0.2, frame(k, car))) {
                    List<Detection> dets = d.detect(f, view(k, posesKnown));
                    if (k >= 8) {
                        out.add(dets);
                    }
                }
            }
            lastPredicted = d.motionPredicted();
            lastEstimated = d.motionEstimated();
        }
        return out;
    }

    @Test
    void movingCamera_posesKnown_staticGroundGivesNoDetections() {
        List<List<Detection>> dets = run(ClassicalSettings.defaults(true), true, false);
        assertThat(dets.stream().mapToInt(List::size).sum()).isZero();
        assertThat(lastPredicted).isEqualTo(29);                // every frame after the first, from the poses
    }

    @Test
    void movingCamera_imageRegistrationOnly_staticGroundGivesAlmostNoDetections() {
        // the same mapping every frame: the motion must come from the image (feature tracking + RANSAC)
        List<List<Detection>> dets = run(ClassicalSettings.defaults(true), false, false);
        // the image-only fallback is noisier than a pose prediction: at most a stray blob in 22 frames
        assertThat(dets.stream().mapToInt(List::size).sum()).isLessThanOrEqualTo(2);
        assertThat(lastPredicted).isZero();
        assertThat(lastEstimated).isGreaterThanOrEqualTo(27);
    }

    @Test
    void movingCamera_uncompensated_ghostsEverywhere() {
        // the check above can fail: without compensation the same frames are full of false blobs
        List<List<Detection>> dets = run(ClassicalSettings.defaults(false), true, false);
        assertThat(dets.stream().mapToInt(List::size).sum()).isGreaterThan(10);
    }

    @Test
    void movingCamera_posesKnown_movingCarStillDetectedWhereItIs() {
        List<List<Detection>> dets = run(ClassicalSettings.defaults(true), true, true);
        int found = 0;
        int spurious = 0;
        for (int i = 0; i < dets.size(); i++) {
            int k = i + 8;
            Box truth = k >= 12 ? new Box(60 + 12 * (k - 12), 200, 60, 30) : null;
            for (Detection d : dets.get(i)) {
                if (truth != null && d.box().coveredBy(truth) > 0.5 && truth.coveredBy(d.box()) > 0.5) {
                    found++;
                } else {
                    spurious++;
                }
            }
        }
        // the car is in view from frame 12 to 29 (18 frames); the first one only starts its blob
        assertThat(found).isGreaterThanOrEqualTo(15);
        assertThat(spurious).isLessThanOrEqualTo(2);
    }
}
