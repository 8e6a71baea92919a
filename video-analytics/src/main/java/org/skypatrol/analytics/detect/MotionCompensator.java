package org.skypatrol.analytics.detect;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Estimates the global image motion between consecutive analysed frames (a swaying or moving
 * drone), as a homography prev→cur in analysis pixels, so the background models can be warped into
 * the current frame before differencing.
 *
 * <p>Two sources, best first:
 * <ol>
 *   <li><b>Predicted from the poses</b> (a drone with telemetry): the ground-plane homography between
 *   the two frames' ground mappings ({@link org.skypatrol.analytics.geo.GroundMotion}). It does not
 *   depend on image texture (a patrol along a road has few corners, and lines only fix the motion
 *   across them). Telemetry is late or biased on real drones, so the residual is then measured on
 *   the image: the previous frame warped by the prediction is tracked to the current one and a
 *   RANSAC similarity (rotation, scale, shift) corrects it when enough features agree.</li>
 *   <li><b>From the image alone</b>: Shi-Tomasi corners, pyramidal Lucas-Kanade, RANSAC homography.
 *   Returns null when the motion is negligible (under {@code minShiftPixels}) or cannot be
 *   estimated.</li>
 * </ol>
 */
final class MotionCompensator {

    /** Fewest agreeing feature tracks to trust an image estimate. */
    private static final int MIN_FEATURES = 12;
    /**
     * A residual correction smaller than this (pixels at an image corner) is within the noise of a
     * few dozen feature tracks: the prediction is kept (applying the noise every frame smears the
     * backgrounds, which are warped frame after frame).
     */
    private static final double RESIDUAL_DEADBAND_PIXELS = 1.0;
    /** A residual correction larger than this (pixels) means the features latched onto traffic: ignored. */
    private static final double MAX_RESIDUAL_PIXELS = 12;

    private final double minShiftPixels;
    private final boolean refinePrediction;
    long estimated;
    long predicted;
    long refined;
    long failed;

    MotionCompensator(double minShiftPixels, boolean refinePrediction) {
        this.minShiftPixels = minShiftPixels;
        this.refinePrediction = refinePrediction;
    }

    /**
     * Homography prev→cur (3x3 CV_64F) or null; the caller owns the returned Mat.
     *
     * @param prediction the pose-predicted homography prev→cur in analysis pixels, or null
     * @param stillMask  255 where the previous frame showed background (features are taken only there,
     *                   so a crowd or a queue moving together cannot pass for camera motion), or null
     */
    Mat estimate(Mat prevGray, Mat curGray, Mat prediction, Mat stillMask) {
        if (prediction != null) {
            predicted++;
            if (!refinePrediction) {
                return prediction;
            }
            Size size = new Size(curGray.cols(), curGray.rows());
            Mat warped = new Mat();
            opencv_imgproc.warpPerspective(prevGray, warped, prediction, size,
                    opencv_imgproc.INTER_LINEAR, opencv_core.BORDER_REPLICATE, new Scalar());
            Mat mask = null;
            if (stillMask != null) {
                mask = new Mat();
                opencv_imgproc.warpPerspective(stillMask, mask, prediction, size, opencv_imgproc.INTER_NEAREST,
                        opencv_core.BORDER_CONSTANT, new Scalar(0.0));
            }
            Mat[] pts = track(warped, curGray, mask);
            if (pts == null) {
                return prediction;
            }
            Mat inliers = new Mat();
            Mat a = opencv_calib3d.estimateAffinePartial2D(pts[0], pts[1], inliers, opencv_calib3d.RANSAC, 1.0,
                    2000, 0.99, 10);
            if (a == null || a.empty() || opencv_core.countNonZero(inliers) < Math.max(MIN_FEATURES, pts[0].rows() / 2)) {
                return prediction;
            }
            Mat r = toHomography(a);
            double residual = maxDisplacement(r, curGray.cols(), curGray.rows());
            if (residual < RESIDUAL_DEADBAND_PIXELS || residual > MAX_RESIDUAL_PIXELS) {
                return prediction;
            }
            refined++;
            Mat h = new Mat();
            opencv_core.gemm(r, prediction, 1, new Mat(), 0, h);
            return h;
        }
        Mat[] pts = track(prevGray, curGray, stillMask);
        if (pts == null) {
            failed++;
            return null;
        }
        if (meanShift(pts[0], pts[1]) < minShiftPixels) {
            return null;                                // steady camera: no warp needed
        }
        Mat h = opencv_calib3d.findHomography(pts[0], pts[1], opencv_calib3d.RANSAC, 1.0, new Mat(), 2000, 0.995);
        if (h == null || h.empty()) {
            failed++;
            return null;
        }
        estimated++;
        return h;
    }

    /**
     * Corners of {@code a} (inside {@code mask} when given) and where they went in {@code b} (two
     * CV_32FC2 columns), or null if too few.
     */
    private static Mat[] track(Mat a, Mat b, Mat mask) {
        Mat corners = new Mat();
        opencv_imgproc.goodFeaturesToTrack(a, corners, 300, 0.01, 8, mask == null ? new Mat() : mask, 3, false, 0.04);
        if (corners.rows() < MIN_FEATURES) {
            return null;
        }
        Mat next = new Mat();
        Mat status = new Mat();
        Mat err = new Mat();
        opencv_video.calcOpticalFlowPyrLK(a, b, corners, next, status, err);
        int n = corners.rows();
        Mat src = new Mat(n, 1, opencv_core.CV_32FC2);
        Mat dst = new Mat(n, 1, opencv_core.CV_32FC2);
        int good = 0;
        // status is CV_8U: an unsigned indexer (a ByteIndexer threw ClassCastException on every
        // compensated frame; found by the gateway's live drone test)
        try (FloatIndexer ci = corners.createIndexer(); FloatIndexer ni = next.createIndexer();
             UByteIndexer si = status.createIndexer(); FloatIndexer so = src.createIndexer();
             FloatIndexer dOut = dst.createIndexer()) {
            for (int i = 0; i < n; i++) {
                if (si.get(i) == 0) {
                    continue;
                }
                so.put(good, 0, 0, ci.get(i, 0, 0));
                so.put(good, 0, 1, ci.get(i, 0, 1));
                dOut.put(good, 0, 0, ni.get(i, 0, 0));
                dOut.put(good, 0, 1, ni.get(i, 0, 1));
                good++;
            }
        }
        if (good < MIN_FEATURES) {
            return null;
        }
        return new Mat[] {src.rowRange(0, good), dst.rowRange(0, good)};
    }

    private static double meanShift(Mat src, Mat dst) {
        double sum = 0;
        try (FloatIndexer s = src.createIndexer(); FloatIndexer d = dst.createIndexer()) {
            for (int i = 0; i < src.rows(); i++) {
                sum += Math.hypot(d.get(i, 0, 0) - s.get(i, 0, 0), d.get(i, 0, 1) - s.get(i, 0, 1));
            }
        }
        return sum / src.rows();
    }

    /** A 2x3 affine matrix as a 3x3 homography (CV_64F). */
    private static Mat toHomography(Mat affine) {
        Mat h = Mat.eye(3, 3, opencv_core.CV_64F).asMat();
        Mat a64 = new Mat();
        affine.convertTo(a64, opencv_core.CV_64F);
        a64.copyTo(h.rowRange(0, 2));
        return h;
    }

    /** Largest displacement of the image corners under a homography (pixels). */
    static double maxDisplacement(Mat h, int w, int hgt) {
        double max = 0;
        try (DoubleIndexer m = h.createIndexer()) {
            double[][] corners = {{0, 0}, {w, 0}, {0, hgt}, {w, hgt}};
            for (double[] c : corners) {
                double z = m.get(2, 0) * c[0] + m.get(2, 1) * c[1] + m.get(2, 2);
                double x = (m.get(0, 0) * c[0] + m.get(0, 1) * c[1] + m.get(0, 2)) / z;
                double y = (m.get(1, 0) * c[0] + m.get(1, 1) * c[1] + m.get(1, 2)) / z;
                max = Math.max(max, Math.hypot(x - c[0], y - c[1]));
            }
        }
        return max;
    }

    /** A full-resolution pixel homography as one between analysis pixels: S^-1 H S, S = diag(scale, scale, 1). */
    static Mat toAnalysisPixels(double[] h, double scale) {
        Mat m = new Mat(3, 3, opencv_core.CV_64F);
        try (DoubleIndexer idx = m.createIndexer()) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double v = h[r * 3 + c];
                    if (r < 2 && c == 2) {
                        v /= scale;
                    } else if (r == 2 && c < 2) {
                        v *= scale;
                    }
                    idx.put(r, c, v);
                }
            }
        }
        return m;
    }
}
