package org.skypatrol.analytics.detect;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The classical detector's differencing of the analysed gray frame against a running-average
 * background model (CV_32F): the plain foreground, the sway-tolerant foreground of newly static
 * objects, and following the frame's global brightness. Pure functions over the Mats given; the
 * models themselves live in {@link ClassicalDetector}.
 */
final class BackgroundDifference {

    /** Neighbourhood (analysis pixels) the slow background may have shifted by under sway. */
    static final int SWAY_KERNEL = 5;
    /**
     * Newly static blobs are thresholded with hysteresis: a core differing by {@code diffThreshold}
     * grows by up to {@link #STILL_GROW_PIXELS} into pixels differing by this share of it. A small
     * object's blurred edges stay in its blob (the fallen box's face is 3 px over the full threshold and
     * 4-5 px over this one), and nothing without a core appears.
     */
    private static final double STILL_LOW_FACTOR = 0.75;
    private static final int STILL_GROW_PIXELS = 3;
    /** Largest global brightness change per analysed frame followed by scaling the models. */
    private static final double MAX_GAIN_STEP = 0.2;

    private BackgroundDifference() {
    }

    /** Pixels of {@code gray} differing from the model by more than {@code threshold}, opened and closed. */
    static Mat foreground(Mat gray, Mat bg, double threshold) {
        Mat bg8 = new Mat();
        bg.convertTo(bg8, opencv_core.CV_8U);
        Mat diff = new Mat();
        opencv_core.absdiff(gray, bg8, diff);
        Mat fg = new Mat();
        opencv_imgproc.threshold(diff, fg, threshold, 255, opencv_imgproc.THRESH_BINARY);
        opencv_imgproc.morphologyEx(fg, fg, opencv_imgproc.MORPH_OPEN, kernel(3));
        opencv_imgproc.morphologyEx(fg, fg, opencv_imgproc.MORPH_CLOSE, kernel(7));
        return fg;
    }

    /**
     * Foreground against a background that may be shifted by a pixel or two: a pole's wind sway moves
     * painted lines against the slowly learned model, which the fast model follows but the slow one
     * does not, so a plain difference reports lane dashes as newly static objects. A pixel counts only
     * if it is brighter than the brightest or darker than the darkest background pixel around it.
     */
    static Mat shiftTolerant(Mat gray, Mat bg, double threshold) {
        Mat bg8 = new Mat();
        bg.convertTo(bg8, opencv_core.CV_8U);
        Mat hi = new Mat();
        Mat lo = new Mat();
        opencv_imgproc.dilate(bg8, hi, kernel(SWAY_KERNEL));
        opencv_imgproc.erode(bg8, lo, kernel(SWAY_KERNEL));
        Mat above = new Mat();
        Mat below = new Mat();
        opencv_core.subtract(gray, hi, above);          // saturating: 0 where not brighter
        opencv_core.subtract(lo, gray, below);
        Mat fg = new Mat();
        opencv_core.max(above, below, fg);
        Mat low = new Mat();
        opencv_imgproc.threshold(fg, low, threshold * STILL_LOW_FACTOR, 255, opencv_imgproc.THRESH_BINARY);
        opencv_imgproc.threshold(fg, fg, threshold, 255, opencv_imgproc.THRESH_BINARY);
        Mat step = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT, new Size(3, 3));
        for (int i = 0; i < STILL_GROW_PIXELS; i++) {
            opencv_imgproc.dilate(fg, fg, step);        // hysteresis: grow the cores within the weaker difference
            opencv_core.bitwise_and(fg, low, fg);
        }
        opencv_imgproc.morphologyEx(fg, fg, opencv_imgproc.MORPH_OPEN, kernel(3));
        opencv_imgproc.morphologyEx(fg, fg, opencv_imgproc.MORPH_CLOSE, kernel(7));
        return fg;
    }

    /**
     * Scales a background model to the frame's overall brightness: the ratio of the frame's mean to
     * the model's over the pixels that showed background in the previous frame ({@code stillMask},
     * empty for the whole image). A global lighting swing (sun behind a cloud, auto exposure)
     * otherwise outruns the fast model's learning and every bright lane line becomes foreground.
     * Local changes (an object, a shadow) barely move the ratio; a change of more than
     * {@link #MAX_GAIN_STEP} per frame is left to the relearning.
     */
    static void followGain(Mat gray32, Mat model, Mat stillMask) {
        Mat mask = stillMask.empty() ? new Mat() : stillMask;
        double frameMean = opencv_core.mean(gray32, mask).get(0);
        double modelMean = opencv_core.mean(model, mask).get(0);
        if (modelMean < 1 || frameMean < 1) {
            return;
        }
        double gain = frameMean / modelMean;
        if (Math.abs(gain - 1) < 0.002 || Math.abs(gain - 1) > MAX_GAIN_STEP) {
            return;
        }
        model.convertTo(model, -1, gain, 0);
    }

    /** An elliptic structuring element k x k. */
    static Mat kernel(int k) {
        return opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_ELLIPSE, new Size(k, k));
    }
}
