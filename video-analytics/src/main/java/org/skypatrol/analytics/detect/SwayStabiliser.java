package org.skypatrol.analytics.detect;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2d;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A fixed camera's sway: the whole image shifts by a pixel or two and back as the pole moves,
 * which leaves every lane line a sliver of "foreground" against backgrounds averaged over the
 * sway. The frame is registered to the slow background by a translation (phase correlation,
 * sub-pixel, insensitive to the moving objects that are a small part of the image) and shifted
 * onto it; the models are never resampled, so nothing accumulates, and detections come out in
 * the reference frame the scene's calibration was made for. Implausible shifts (a weak peak,
 * or more than {@link #MAX_SWAY_PIXELS}: the camera was moved) are counted and not applied.
 */
final class SwayStabiliser implements AutoCloseable {

    /** Largest sway shift (analysis pixels) taken as sway; more is a camera that was moved. */
    private static final double MAX_SWAY_PIXELS = 8;
    /** Weakest phase-correlation peak trusted as the image's shift. */
    private static final double MIN_SWAY_RESPONSE = 0.05;

    private final Mat hann = new Mat();
    private long stabilised;
    private long swayRejected;

    /** Shifts {@code gray} (CV_8U, in place) onto the slow background {@code bgSlow} (CV_32F, unchanged). */
    void stabilise(Mat gray, Mat bgSlow) {
        Mat cur = new Mat();
        gray.convertTo(cur, opencv_core.CV_32F);
        if (hann.empty() || hann.cols() != cur.cols() || hann.rows() != cur.rows()) {
            opencv_imgproc.createHanningWindow(hann, new Size(cur.cols(), cur.rows()), opencv_core.CV_32F);
        }
        double[] response = new double[1];
        // a copy: with a window, phaseCorrelate multiplies it into its inputs in place when their size
        // needs no DFT padding (OpenCV 4.x), which would wipe the background model
        Mat ref = bgSlow.clone();
        Point2d shift = opencv_imgproc.phaseCorrelate(ref, cur, hann, response);
        double dx = shift.x();
        double dy = shift.y();
        if (response[0] < MIN_SWAY_RESPONSE || Math.hypot(dx, dy) > MAX_SWAY_PIXELS) {
            swayRejected++;
            return;
        }
        if (Math.hypot(dx, dy) < 0.05) {
            return;
        }
        Mat m = new Mat(2, 3, opencv_core.CV_64F);
        try (DoubleIndexer idx = m.createIndexer()) {
            idx.put(0, 0, 1); idx.put(0, 1, 0); idx.put(0, 2, -dx);
            idx.put(1, 0, 0); idx.put(1, 1, 1); idx.put(1, 2, -dy);
        }
        opencv_imgproc.warpAffine(gray, gray, m, new Size(gray.cols(), gray.rows()), opencv_imgproc.INTER_LINEAR,
                opencv_core.BORDER_REPLICATE, new Scalar());
        stabilised++;
    }

    /** Frames the sway shift was applied to. */
    long stabilised() {
        return stabilised;
    }

    /** Frames whose sway estimate was not trusted (weak correlation peak, or a jump: the camera moved). */
    long swayRejected() {
        return swayRejected;
    }

    @Override
    public void close() {
        hann.close();
    }
}
