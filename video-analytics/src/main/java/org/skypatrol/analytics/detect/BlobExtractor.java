package org.skypatrol.analytics.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.skypatrol.analytics.scene.SceneView;

/**
 * Turns the classical detector's foreground masks into detections: connected components, minus the
 * artefacts of background subtraction (painted lines, thin slivers, ghosts of what left), sized on the
 * ground and classified by {@link SizeClassifier}. Counts every blob it drops, by reason.
 */
final class BlobExtractor {

    /** Longest side over shortest beyond which a blob is a line artefact (a truck seen from above is ~5). */
    private static final int MAX_ASPECT = 8;
    /**
     * Narrowest still blob kept, in analysis pixels. It was 5 while lane dashes under camera jitter were
     * 2-4 px wide slivers; stabilisation and the sway-tolerant comparison remove those now, and a box
     * fallen on the road 25 m from a 16 m mast shows a dark face only 4 px high.
     */
    private static final int MIN_STILL_SIDE = 4;
    /** Narrowest blob kept at all: 3 px wide blobs are lane dashes left by residual drone motion. */
    private static final int MIN_SIDE = 4;

    /**
     * One analysed frame's images, in analysis pixels.
     *
     * @param gray   the frame (CV_8U)
     * @param bgSlow the slow background model (CV_32F), for the ghost test
     * @param motion 255 where the frame changed since the previous one
     * @param scale  full-resolution pixels per analysis pixel
     */
    record FrameImages(Mat gray, Mat bgSlow, Mat motion, double scale) {
    }

    private final int minAreaPixels;
    private long ghostsRejected;
    private long thinRejected;
    private long linesRejected;

    BlobExtractor(int minAreaPixels) {
        this.minAreaPixels = minAreaPixels;
    }

    /** The moving blobs of {@code moving}, then the newly static blobs of {@code staticMask}. */
    List<Detection> extract(Mat moving, Mat staticMask, FrameImages images, SceneView view) {
        List<Detection> out = new ArrayList<>();
        blobs(moving, false, images, view, out);
        blobs(staticMask, true, images, view, out);
        return out;
    }

    private void blobs(Mat mask, boolean isStatic, FrameImages images, SceneView view, List<Detection> out) {
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int n = opencv_imgproc.connectedComponentsWithStats(mask, labels, stats, centroids, 8, opencv_core.CV_32S);
        double scale = images.scale();
        try (IntIndexer st = stats.createIndexer()) {
            for (int i = 1; i < n; i++) {
                int area = st.get(i, opencv_imgproc.CC_STAT_AREA);
                if (area < minAreaPixels) {
                    continue;
                }
                int x = st.get(i, opencv_imgproc.CC_STAT_LEFT);
                int y = st.get(i, opencv_imgproc.CC_STAT_TOP);
                int w = st.get(i, opencv_imgproc.CC_STAT_WIDTH);
                int h = st.get(i, opencv_imgproc.CC_STAT_HEIGHT);
                Rect rect = new Rect(x, y, w, h);
                boolean still = isStatic;
                int changed = opencv_core.countNonZero(new Mat(images.motion(), rect));
                if (!isStatic && changed < 0.02 * area) {
                    still = true;                       // foreground to the fast model but not changing: not moving
                }
                if (Math.max(w, h) > MAX_ASPECT * Math.min(w, h)) {
                    linesRejected++;                    // a painted line left by imperfect registration, not a vehicle
                    continue;
                }
                if (Math.min(w, h) < MIN_SIDE || still && Math.min(w, h) < MIN_STILL_SIDE) {
                    thinRejected++;                     // a painted line flickering against the averaged background
                    continue;
                }
                if (still && isGhost(rect, images)) {
                    ghostsRejected++;
                    continue;
                }
                Box box = new Box(x, y, w, h).scaled(scale);
                Optional<SizeClassifier.GroundSize> size = SizeClassifier.measure(box, view.mapping());
                if (size.isEmpty() || size.get().longest() < 0.25 || size.get().longest() > 30) {
                    continue;                           // above the horizon, speckle, or a lighting blotch
                }
                ObjectClass cls = SizeClassifier.classify(size.get());
                double people = PeopleEstimate.people(size.get(), cls, area * scale * scale, box.w());
                if (still && (cls == ObjectClass.PERSON || cls == ObjectClass.BICYCLE)) {
                    cls = ObjectClass.STATIC_OBJECT;    // small and newly still: a left object, until it moves
                }
                double fill = area / (double) (w * h);
                out.add(new Detection(box, cls, Math.min(1, 0.4 + fill / 2), still, people,
                        Math.min(1, changed / (double) area)));
            }
        }
    }

    /**
     * A ghost is where something that was in the slow background has left: the current frame is
     * smoother there than the background (the edges belong to the background, not to the frame).
     */
    private static boolean isGhost(Rect r, FrameImages images) {
        Mat cur = new Mat(images.gray(), r);
        Mat bg8 = new Mat();
        new Mat(images.bgSlow(), r).convertTo(bg8, opencv_core.CV_8U);
        return edgeEnergy(cur) < 0.8 * edgeEnergy(bg8);
    }

    private static double edgeEnergy(Mat m) {
        Mat gx = new Mat();
        Mat gy = new Mat();
        opencv_imgproc.Sobel(m, gx, opencv_core.CV_32F, 1, 0);
        opencv_imgproc.Sobel(m, gy, opencv_core.CV_32F, 0, 1);
        Mat mag = new Mat();
        opencv_core.magnitude(gx, gy, mag);
        return opencv_core.mean(mag).get(0);
    }

    /** Still blobs dropped as too narrow to be an object (see {@link #MIN_STILL_SIDE}). */
    long thinRejected() {
        return thinRejected;
    }

    /** Blobs dropped as too elongated to be an object (see {@link #MAX_ASPECT}). */
    long linesRejected() {
        return linesRejected;
    }

    long ghostsRejected() {
        return ghostsRejected;
    }
}
