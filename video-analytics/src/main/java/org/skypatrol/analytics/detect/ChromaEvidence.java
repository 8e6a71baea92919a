package org.skypatrol.analytics.detect;

import static org.skypatrol.analytics.detect.BackgroundDifference.kernel;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Colour evidence of a newly static object where the gray difference cannot see it. Seen from a drone
 * straight above, a parked car is its roof: a flat patch without the sides, windscreen and shadow that
 * give it contrast from an oblique mast, and a red, blue or slate car's roof has the asphalt's gray
 * level within the gray threshold (measured: 1-17 levels against 22; only its windows differ). Its hue
 * differs. This keeps a slow chroma background (Cr and Cb, learned like the gray slow model: not where
 * it differs, quickly where it has never matched) and reports pixels whose chroma has differed from it
 * without a break for {@link #PERSIST_SECONDS}: a car driving past covers a pixel for a fraction of a
 * second, a car that parked stays. The comparison tolerates a shift of the background like the gray
 * one ({@link BackgroundDifference#shiftTolerant}), so coloured paint (a bus lane, yellow lines) under
 * imperfect registration stays silent.
 */
final class ChromaEvidence implements AutoCloseable {

    /** Chroma difference (Cr or Cb, 8-bit levels) that counts; asphalt's chroma noise is ~1-2 after the blur. */
    static final double THRESHOLD = 6;
    /** How long a pixel's chroma must have differed without a break to count as newly static. */
    static final double PERSIST_SECONDS = 1.5;
    /** {@link #since} where the chroma matches the background. */
    private static final double NEVER = 1e9;

    private final Mat cr32 = new Mat();
    private final Mat cb32 = new Mat();
    private final Mat bgCr = new Mat();
    private final Mat bgCb = new Mat();
    /** 255 where the chroma background has matched the frame since the start. */
    private final Mat seen = new Mat();
    /** Video time since which the pixel's chroma has differed without a break ({@link #NEVER} if it matches). */
    private final Mat since = new Mat();

    /** The frame's chroma at the analysis size, blurred as the gray image is. */
    void prepare(Mat bgr, Size size) {
        Mat small = new Mat();
        opencv_imgproc.resize(bgr, small, size, 0, 0, opencv_imgproc.INTER_AREA);
        Mat ycc = new Mat();
        opencv_imgproc.cvtColor(small, ycc, opencv_imgproc.COLOR_BGR2YCrCb);
        opencv_imgproc.GaussianBlur(ycc, ycc, new Size(5, 5), 0);
        MatVector channels = new MatVector();
        opencv_core.split(ycc, channels);
        channels.get(1).convertTo(cr32, opencv_core.CV_32F);
        channels.get(2).convertTo(cb32, opencv_core.CV_32F);
    }

    /** The background is the current frame; nothing is known, nothing differs. */
    void reset() {
        cr32.copyTo(bgCr);
        cb32.copyTo(bgCb);
        seen.create(cr32.rows(), cr32.cols(), opencv_core.CV_8U);
        seen.put(new Scalar(0.0));
        since.create(cr32.rows(), cr32.cols(), opencv_core.CV_32F);
        since.put(new Scalar(NEVER));
    }

    /** Warps the model into the current frame (as the gray models are: {@code h} prev→cur in analysis pixels). */
    void warp(Mat h, Size size) {
        opencv_imgproc.warpPerspective(bgCr, bgCr, h, size, opencv_imgproc.INTER_CUBIC,
                opencv_core.BORDER_REPLICATE, new Scalar());
        opencv_imgproc.warpPerspective(bgCb, bgCb, h, size, opencv_imgproc.INTER_CUBIC,
                opencv_core.BORDER_REPLICATE, new Scalar());
        opencv_imgproc.warpPerspective(seen, seen, h, size, opencv_imgproc.INTER_NEAREST,
                opencv_core.BORDER_CONSTANT, new Scalar(0.0));
        opencv_imgproc.warpPerspective(since, since, h, size, opencv_imgproc.INTER_NEAREST,
                opencv_core.BORDER_CONSTANT, new Scalar(NEVER));
    }

    /** Ground just brought into view: taken at once, not yet known, nothing differing there. */
    void takeFresh(Mat fresh) {
        cr32.copyTo(bgCr, fresh);
        cb32.copyTo(bgCb, fresh);
        since.setTo(new Mat(1, 1, opencv_core.CV_32F, new Scalar(NEVER)), fresh);
    }

    /**
     * The warm-up: learn quickly where nothing moves, but mark nothing known yet (a car's roof driving
     * through unchanged between frames is learned too; see {@link ClassicalDetector}).
     */
    void warmUp(Mat still) {
        opencv_imgproc.accumulateWeighted(cr32, bgCr, 0.5, still);
        opencv_imgproc.accumulateWeighted(cb32, bgCb, 0.5, still);
    }

    /**
     * Compares, learns and returns the newly static evidence (255 where the chroma has differed from a
     * known background for {@link #PERSIST_SECONDS} and the gray fast model sees nothing moving).
     *
     * @param t         the frame's video time, seconds
     * @param fresh     ground brought into view this frame, or null
     * @param slowLearn where the gray slow model learns this frame
     * @param notFast   255 away from the gray fast model's foreground
     * @param slowAlpha the slow model's learning rate
     */
    Mat update(double t, Mat fresh, Mat slowLearn, Mat notFast, double slowAlpha) {
        Mat differs = new Mat();
        opencv_core.max(shiftTolerant(cr32, bgCr), shiftTolerant(cb32, bgCb), differs);
        opencv_imgproc.threshold(differs, differs, THRESHOLD, 255, opencv_imgproc.THRESH_BINARY);
        opencv_imgproc.morphologyEx(differs, differs, opencv_imgproc.MORPH_OPEN, kernel(3));
        Mat matches = new Mat();
        opencv_core.bitwise_not(differs, matches);
        if (fresh != null) {
            opencv_core.subtract(matches, fresh, matches);
            opencv_core.subtract(differs, fresh, differs);
        }
        opencv_core.bitwise_or(seen, matches, seen);
        Mat unknown = new Mat();
        opencv_core.bitwise_not(seen, unknown);
        opencv_core.bitwise_and(unknown, notFast, unknown);
        Mat learn = new Mat();
        opencv_core.bitwise_and(slowLearn, matches, learn);
        for (Mat[] m : new Mat[][] {{cr32, bgCr}, {cb32, bgCb}}) {
            opencv_imgproc.accumulateWeighted(m[0], m[1], slowAlpha, learn);
            opencv_imgproc.accumulateWeighted(m[0], m[1], slowAlpha / 30);
            opencv_imgproc.accumulateWeighted(m[0], m[1], 0.5, unknown);
        }
        // persistence: a pixel starts its clock when it begins to differ, and loses it when it matches
        Mat notDiffering = new Mat();
        opencv_core.bitwise_not(differs, notDiffering);
        since.setTo(new Mat(1, 1, opencv_core.CV_32F, new Scalar(NEVER)), notDiffering);
        Mat idle = new Mat();
        opencv_imgproc.threshold(since, idle, NEVER / 2, 255, opencv_imgproc.THRESH_BINARY);
        idle.convertTo(idle, opencv_core.CV_8U);
        opencv_core.bitwise_and(idle, differs, idle);
        since.setTo(new Mat(1, 1, opencv_core.CV_32F, new Scalar(t)), idle);
        Mat old = new Mat();
        opencv_imgproc.threshold(since, old, t - PERSIST_SECONDS + 1e-3, 255, opencv_imgproc.THRESH_BINARY_INV);
        old.convertTo(old, opencv_core.CV_8U);
        opencv_core.bitwise_and(old, seen, old);
        opencv_core.bitwise_and(old, notFast, old);
        return old;
    }

    /** How far each pixel lies outside the range of the background around it (8-bit levels). */
    private static Mat shiftTolerant(Mat cur32, Mat bg32) {
        Mat cur = new Mat();
        cur32.convertTo(cur, opencv_core.CV_8U);
        Mat bg8 = new Mat();
        bg32.convertTo(bg8, opencv_core.CV_8U);
        Mat hi = new Mat();
        Mat lo = new Mat();
        opencv_imgproc.dilate(bg8, hi, kernel(BackgroundDifference.SWAY_KERNEL));
        opencv_imgproc.erode(bg8, lo, kernel(BackgroundDifference.SWAY_KERNEL));
        Mat above = new Mat();
        Mat below = new Mat();
        opencv_core.subtract(cur, hi, above);
        opencv_core.subtract(lo, cur, below);
        Mat out = new Mat();
        opencv_core.max(above, below, out);
        return out;
    }

    @Override
    public void close() {
        cr32.close();
        cb32.close();
        bgCr.close();
        bgCb.close();
        seen.close();
        since.close();
    }
}
