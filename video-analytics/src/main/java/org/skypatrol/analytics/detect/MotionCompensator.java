package org.skypatrol.analytics.detect;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Estimates the global image motion between consecutive analysed frames (a swaying or moving
 * drone): Shi-Tomasi corners on the previous frame, pyramidal Lucas-Kanade flow, and a RANSAC
 * homography, so the background models can be warped into the current frame before differencing.
 * Returns null when the motion is negligible (under {@code minShiftPixels}) or cannot be estimated.
 */
final class MotionCompensator {

    private final double minShiftPixels;
    long estimated;
    long failed;

    MotionCompensator(double minShiftPixels) {
        this.minShiftPixels = minShiftPixels;
    }

    /** Homography prev→cur (3x3 CV_64F) or null; the caller owns the returned Mat. */
    Mat estimate(Mat prevGray, Mat curGray) {
        Mat corners = new Mat();
        opencv_imgproc.goodFeaturesToTrack(prevGray, corners, 300, 0.01, 8);
        if (corners.rows() < 12) {
            failed++;
            return null;
        }
        Mat next = new Mat();
        Mat status = new Mat();
        Mat err = new Mat();
        opencv_video.calcOpticalFlowPyrLK(prevGray, curGray, corners, next, status, err);
        int n = corners.rows();
        Mat src = new Mat(n, 1, opencv_core.CV_32FC2);
        Mat dst = new Mat(n, 1, opencv_core.CV_32FC2);
        int good = 0;
        double shift = 0;
        // status is CV_8U: an unsigned indexer (a ByteIndexer threw ClassCastException on every
        // compensated frame; found by the gateway's live drone test)
        try (FloatIndexer ci = corners.createIndexer(); FloatIndexer ni = next.createIndexer();
             UByteIndexer si = status.createIndexer(); FloatIndexer so = src.createIndexer();
             FloatIndexer dOut = dst.createIndexer()) {
            for (int i = 0; i < n; i++) {
                if (si.get(i) == 0) {
                    continue;
                }
                float x0 = ci.get(i, 0, 0);
                float y0 = ci.get(i, 0, 1);
                float x1 = ni.get(i, 0, 0);
                float y1 = ni.get(i, 0, 1);
                so.put(good, 0, 0, x0);
                so.put(good, 0, 1, y0);
                dOut.put(good, 0, 0, x1);
                dOut.put(good, 0, 1, y1);
                shift += Math.hypot(x1 - x0, y1 - y0);
                good++;
            }
        }
        if (good < 12) {
            failed++;
            return null;
        }
        if (shift / good < minShiftPixels) {
            return null;                                // steady camera: no warp needed
        }
        Mat h = opencv_calib3d.findHomography(src.rowRange(0, good), dst.rowRange(0, good),
                opencv_calib3d.RANSAC, 2.0, new Mat(), 2000, 0.995);
        if (h == null || h.empty()) {
            failed++;
            return null;
        }
        estimated++;
        return h;
    }
}
