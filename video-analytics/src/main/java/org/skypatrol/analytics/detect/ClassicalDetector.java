package org.skypatrol.analytics.detect;

import static org.skypatrol.analytics.detect.BackgroundDifference.kernel;

import java.util.List;
import java.util.Optional;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.GroundMotion;
import org.skypatrol.analytics.scene.SceneView;

/**
 * The default detector, needing no model: background subtraction on a downscaled gray image with
 * two running-average background models (DESIGN.md, "Notes for the analytics"). The fast model
 * absorbs anything that stops within seconds; the slow model learns only where nothing stands in
 * front of it. Foreground to the fast model = moving objects; foreground to the slow model but
 * background to the fast one = newly static objects (a stopped car, a dropped load, a left bag).
 * A moving camera (drone): both models are warped into the current frame first, by the motion
 * predicted from the poses or measured on the image ({@link #compensate}). A fixed camera: each
 * frame is shifted onto the models against sway ({@link SwayStabiliser}). Both models follow the
 * frame's global brightness ({@link BackgroundDifference#followGain}). Looking down from a drone, a
 * parked car's roof can have the road's gray level: there the colour decides ({@link ChromaEvidence}).
 * Blobs are classified by their size on the ground ({@link SizeClassifier}).
 */
public final class ClassicalDetector implements Detector {

    private final ClassicalSettings s;
    private final MotionCompensator compensator = new MotionCompensator(0.3, true);
    private final Mat gray = new Mat();
    private final Mat prevGray = new Mat();
    private final Mat bgFast = new Mat();
    private final Mat bgSlow = new Mat();
    private final Mat gray32 = new Mat();
    private final Mat motion = new Mat();
    /** 255 where the slow model has matched the frame since the start (the background there is known). */
    private final Mat seenBg = new Mat();
    /** 255 where the previous frame showed background (no blob near): where camera motion is measured. */
    private final Mat stillMask = new Mat();
    /** 255 where the backgrounds hold ground seen before; 0 where camera motion just brought new ground in. */
    private final Mat known = new Mat();
    /** The previous analysed frame's newly static mask: the slow model does not learn on or around it. */
    private final Mat prevStatic = new Mat();
    /** The previous analysed frame's pixel-ground mapping (a drone's pose), to predict the camera motion. */
    private GroundMapping prevMapping;
    private int frameWidth;
    private int frameHeight;
    private double startTime = Double.NaN;
    private double scale = 1;
    private final SwayStabiliser stabiliser = new SwayStabiliser();
    private final BlobExtractor blobs;
    /** Colour evidence of newly static objects, for a camera looking down from above (a drone); else null. */
    private final ChromaEvidence chroma;
    private long resets;
    /** Neighbourhood (analysis pixels) of a frame-to-frame change that counts as a moving object's body. */
    private static final int MOVING_KERNEL = 15;
    /** How much slower the fast model learns on moving foreground. */
    private static final double MOVING_SLOWDOWN = 4;

    public ClassicalDetector(ClassicalSettings settings) {
        this.s = settings;
        this.blobs = new BlobExtractor(settings.minAreaPixels());
        this.chroma = settings.compensateMotion() ? new ChromaEvidence() : null;
    }

    @Override
    public String name() {
        return "classical";
    }

    @Override
    public List<Detection> detect(AnalysisFrame frame, SceneView view) {
        try (PointerScope scope = new PointerScope()) {
            return detectFrame(frame, view);
        } finally {
            prevMapping = view.mapping();
        }
    }

    /** The background is learnt again from the next frame (with the warm-up), as on the first frame. */
    @Override
    public void restart() {
        bgFast.release();
        prevMapping = null;
    }

    private List<Detection> detectFrame(AnalysisFrame frame, SceneView view) {
        prepare(frame.bgr());
        if (bgFast.empty() || bgFast.cols() != gray.cols() || bgFast.rows() != gray.rows()) {
            reset(frame.timeSeconds());             // first frame, or the resolution changed (FAULTS V4)
            return List.of();
        }
        if (s.compensateMotion()) {
            compensate(view.mapping());
        } else if (s.stabilise()) {
            stabiliser.stabilise(gray, bgSlow);
        }
        Mat frameDiff = new Mat();
        opencv_core.absdiff(gray, prevGray, frameDiff);
        opencv_imgproc.threshold(frameDiff, motion, s.diffThreshold() / 2, 255, opencv_imgproc.THRESH_BINARY);
        opencv_core.bitwise_and(motion, known, motion);
        gray.copyTo(prevGray);
        gray.convertTo(gray32, opencv_core.CV_32F);
        BackgroundDifference.followGain(gray32, bgFast, stillMask);
        BackgroundDifference.followGain(gray32, bgSlow, stillMask);
        boolean warming = frame.timeSeconds() - startTime < s.warmupSeconds();
        Mat fgFast = BackgroundDifference.foreground(gray, bgFast, s.diffThreshold());
        Mat fgSlow = BackgroundDifference.foreground(gray, bgSlow, s.diffThreshold());
        Mat fresh = null;
        if (opencv_core.countNonZero(known) < known.rows() * known.cols()) {
            // Ground the camera motion just brought into view: both models take it at once and report
            // nothing there this frame. It stays "unseen" for the slow model (seenBg) until it matches
            // a later frame, so a car passing through it is relearned quickly rather than kept.
            fresh = new Mat();
            opencv_core.bitwise_not(known, fresh);
            gray32.copyTo(bgFast, fresh);
            gray32.copyTo(bgSlow, fresh);
            if (chroma != null) {
                chroma.takeFresh(fresh);
            }
            opencv_core.bitwise_and(fgFast, known, fgFast);
            opencv_core.bitwise_and(fgSlow, known, fgSlow);
            known.put(new Scalar(255.0));
        }
        double movingFraction = opencv_core.countNonZero(fgFast) / (double) (gray.cols() * gray.rows());
        if (movingFraction > 0.6) {
            reset(frame.timeSeconds());             // global lighting change or a cut: relearn
            resets++;
            return List.of();
        }
        Mat notFgSlow = new Mat();
        opencv_core.bitwise_not(fgSlow, notFgSlow);
        if (warming) {
            // learn quickly, but not where something moves (else the warm-up leaves ghosts behind)
            Mat still = new Mat();
            opencv_imgproc.dilate(motion, still, kernel(9));
            opencv_core.bitwise_not(still, still);
            opencv_imgproc.accumulateWeighted(gray32, bgFast, 0.5, still);
            opencv_imgproc.accumulateWeighted(gray32, bgSlow, 0.5, still);
            // Not yet "seen" (seenBg): a car driving through the view during the warm-up does not change
            // inside its uniform roof from one frame to the next, so its colour is learned along its path.
            // Marked seen, that spot kept the car in the slow model for good and the road there stood out as
            // a newly static blob 1.5-2 s after the warm-up, into a debris alert when a car passing over it
            // renewed its track (held-out renders 36000, 42000, drone). Unseen, the slow model relearns it
            // once the fast one has let the car go; what matches the slow model is seen from the first frame on.
            if (chroma != null) {
                chroma.warmUp(still);
            }
            still.copyTo(stillMask);
            return List.of();
        }
        if (fresh != null) {
            Mat seenNow = new Mat();
            opencv_core.subtract(notFgSlow, fresh, seenNow);
            opencv_core.bitwise_or(seenBg, seenNow, seenBg);
        } else {
            opencv_core.bitwise_or(seenBg, notFgSlow, seenBg);
        }
        Mat notFast = new Mat();
        Mat fastDilated = new Mat();
        opencv_imgproc.dilate(fgFast, fastDilated, kernel(5));
        opencv_core.bitwise_not(fastDilated, notFast);
        // Where the slow model has never matched and nothing moves, it holds what stood there at the
        // start (a car that has since left, or ground the drone had not seen): learn it quickly
        // instead of reporting the difference as a new static object for ever.
        Mat unknown = new Mat();
        opencv_core.bitwise_not(seenBg, unknown);
        opencv_core.bitwise_and(unknown, notFast, unknown);
        learnFast(fgFast);
        Mat slowLearn = slowLearnMask(fgSlow);
        Mat chromaStatic = chroma == null ? null
                : chroma.update(frame.timeSeconds(), fresh, slowLearn, notFast, s.slowAlpha());
        opencv_imgproc.accumulateWeighted(gray32, bgSlow, s.slowAlpha(), slowLearn);
        opencv_imgproc.accumulateWeighted(gray32, bgSlow, s.slowAlpha() / 30);
        opencv_imgproc.accumulateWeighted(gray32, bgSlow, 0.5, unknown);
        // newly static = differs from a known slow background, matches the fast one
        Mat staticMask = new Mat();
        Mat differsSlow = BackgroundDifference.shiftTolerant(gray, bgSlow, s.diffThreshold());
        if (chromaStatic != null) {
            opencv_core.bitwise_or(differsSlow, chromaStatic, differsSlow);
        }
        opencv_core.bitwise_and(differsSlow, notFast, staticMask);
        opencv_core.bitwise_and(staticMask, seenBg, staticMask);
        opencv_imgproc.morphologyEx(staticMask, staticMask, opencv_imgproc.MORPH_OPEN, kernel(3));
        staticMask.copyTo(prevStatic);
        Mat anyFg = new Mat();
        opencv_core.bitwise_or(fastDilated, staticMask, anyFg);
        opencv_imgproc.dilate(anyFg, anyFg, kernel(9));
        opencv_core.bitwise_not(anyFg, stillMask);
        return blobs.extract(withoutTrail(fgFast, fgSlow), staticMask,
                new BlobExtractor.FrameImages(gray, bgSlow, motion, scale), view);
    }

    /**
     * Where the slow model learns: not on its own foreground, and not within
     * {@link BackgroundDifference#SWAY_KERNEL} of what stood newly static in the previous frame. The sway-tolerant comparison takes the extremes of that
     * neighbourhood of the slow model; had the model learned a small still object's blurred rim, the
     * object would meet its own colour there and fade out of the static mask within seconds.
     */
    private Mat slowLearnMask(Mat fgSlow) {
        Mat busy = new Mat();
        if (prevStatic.empty() || prevStatic.cols() != fgSlow.cols() || prevStatic.rows() != fgSlow.rows()) {
            fgSlow.copyTo(busy);
        } else {
            opencv_imgproc.dilate(prevStatic, busy, kernel(BackgroundDifference.SWAY_KERNEL));
            opencv_core.bitwise_or(busy, fgSlow, busy);
        }
        opencv_core.bitwise_not(busy, busy);
        return busy;
    }

    /**
     * Updates the fast model: at {@code fastAlpha} where nothing moves, 4x slower on moving foreground
     * (changing between frames, or near a change). A car driving over a lane dash would otherwise
     * leave its colour in the model there, and the dash it uncovers would stand out as a "newly
     * still" blob for a second; a car that stops stops changing and is absorbed at the full rate.
     */
    private void learnFast(Mat fgFast) {
        Mat moving = new Mat();
        opencv_imgproc.dilate(motion, moving, kernel(MOVING_KERNEL));
        opencv_core.bitwise_and(moving, fgFast, moving);
        opencv_core.bitwise_not(moving, moving);
        double a = s.fastAlpha();
        double slow = a / MOVING_SLOWDOWN;
        opencv_imgproc.accumulateWeighted(gray32, bgFast, slow);
        opencv_imgproc.accumulateWeighted(gray32, bgFast, 1 - (1 - a) / (1 - slow), moving);
    }

    /**
     * Registers the previous frame to this one and warps the background models, their masks and the
     * previous frame into it. The motion is predicted from the two frames' ground mappings when they
     * differ (a drone's poses) and otherwise estimated from the images ({@link MotionCompensator}).
     * Backgrounds are resampled bicubically: they are warped every frame, and bilinear resampling
     * blurs a little each time until lane markings stand out from the smeared model.
     */
    private void compensate(GroundMapping mapping) {
        Mat prediction = null;
        if (prevMapping != null && mapping != prevMapping) {
            Optional<double[]> full = GroundMotion.homography(prevMapping, mapping, frameWidth, frameHeight);
            if (full.isPresent()) {
                prediction = MotionCompensator.toAnalysisPixels(full.get(), scale);
                if (MotionCompensator.maxDisplacement(prediction, gray.cols(), gray.rows()) < 1e-3) {
                    prediction = null;          // the poses did not move (or repeat): the image decides
                }
            }
        }
        Mat h = compensator.estimate(prevGray, gray, prediction, stillMask.empty() ? null : stillMask);
        if (h == null) {
            return;
        }
        Size size = new Size(gray.cols(), gray.rows());
        opencv_imgproc.warpPerspective(bgFast, bgFast, h, size, opencv_imgproc.INTER_CUBIC,
                opencv_core.BORDER_REPLICATE, new Scalar());
        opencv_imgproc.warpPerspective(bgSlow, bgSlow, h, size, opencv_imgproc.INTER_CUBIC,
                opencv_core.BORDER_REPLICATE, new Scalar());
        opencv_imgproc.warpPerspective(prevGray, prevGray, h, size, opencv_imgproc.INTER_LINEAR,
                opencv_core.BORDER_REPLICATE, new Scalar());
        // ground that enters the view has no known background (the border is replicated)
        opencv_imgproc.warpPerspective(seenBg, seenBg, h, size, opencv_imgproc.INTER_NEAREST,
                opencv_core.BORDER_CONSTANT, new Scalar(0.0));
        opencv_imgproc.warpPerspective(known, known, h, size, opencv_imgproc.INTER_NEAREST,
                opencv_core.BORDER_CONSTANT, new Scalar(0.0));
        if (!prevStatic.empty()) {
            opencv_imgproc.warpPerspective(prevStatic, prevStatic, h, size, opencv_imgproc.INTER_NEAREST,
                    opencv_core.BORDER_CONSTANT, new Scalar(0.0));
        }
        if (chroma != null) {
            chroma.warp(h, size);
        }
        // a margin: resampling near the edge still mixes in replicated border pixels
        opencv_imgproc.erode(known, known, kernel(5));
    }

    /**
     * Moving foreground without the trail a moving object leaves in the fast model: where the object
     * has just been, the fast model still holds part of it, so the revealed ground differs from it,
     * but the ground matches the slow model (which never learned the object). A moving object differs
     * from both. Where the slow model is not known yet, the fast model alone decides.
     */
    private Mat withoutTrail(Mat fgFast, Mat fgSlow) {
        Mat keep = new Mat();
        opencv_core.bitwise_not(seenBg, keep);
        opencv_core.bitwise_or(keep, fgSlow, keep);
        Mat moving = new Mat();
        opencv_core.bitwise_and(fgFast, keep, moving);
        return moving;
    }

    private void prepare(Mat bgr) {
        Mat g = new Mat();
        opencv_imgproc.cvtColor(bgr, g, opencv_imgproc.COLOR_BGR2GRAY);
        frameWidth = bgr.cols();
        frameHeight = bgr.rows();
        int w = Math.min(s.analysisWidth(), bgr.cols());
        scale = bgr.cols() / (double) w;
        int h = (int) Math.round(bgr.rows() / scale);
        Mat small = new Mat();
        opencv_imgproc.resize(g, small, new Size(w, h), 0, 0, opencv_imgproc.INTER_AREA);
        opencv_imgproc.GaussianBlur(small, gray, new Size(5, 5), 0);
        if (chroma != null) {
            chroma.prepare(bgr, new Size(w, h));
        }
    }

    private void reset(double t) {
        gray.convertTo(bgFast, opencv_core.CV_32F);
        gray.convertTo(bgSlow, opencv_core.CV_32F);
        gray.copyTo(prevGray);
        seenBg.create(gray.rows(), gray.cols(), opencv_core.CV_8U);
        seenBg.put(new Scalar(0.0));
        known.create(gray.rows(), gray.cols(), opencv_core.CV_8U);
        known.put(new Scalar(255.0));
        stillMask.release();
        prevStatic.release();
        if (chroma != null) {
            chroma.reset();
        }
        startTime = t;
    }

    /** Frames a fixed camera's sway shift was applied to. */
    public long stabilised() {
        return stabiliser.stabilised();
    }

    /** Frames whose sway estimate was not trusted (weak correlation peak, or a jump: the camera moved). */
    public long swayRejected() {
        return stabiliser.swayRejected();
    }

    /** Frames registered by the pose-predicted motion (drone with telemetry). */
    public long motionPredicted() {
        return compensator.predicted;
    }

    /** Of those, frames whose prediction the image tracks corrected (by 1-12 px). */
    public long motionRefined() {
        return compensator.refined;
    }

    /** Frames registered from the image alone, and frames where that failed (no warp). */
    public long motionEstimated() {
        return compensator.estimated;
    }

    public long motionFailed() {
        return compensator.failed;
    }

    public long resets() {
        return resets;
    }

    /** Still blobs dropped as too narrow to be an object (see {@link BlobExtractor}). */
    public long thinRejected() {
        return blobs.thinRejected();
    }

    /** Blobs dropped as too elongated to be an object (see {@link BlobExtractor}). */
    public long linesRejected() {
        return blobs.linesRejected();
    }

    public long ghostsRejected() {
        return blobs.ghostsRejected();
    }

    @Override
    public void close() {
        gray.close();
        prevGray.close();
        bgFast.close();
        bgSlow.close();
        gray32.close();
        motion.close();
        seenBg.close();
        known.close();
        prevStatic.close();
        stillMask.close();
        stabiliser.close();
        if (chroma != null) {
            chroma.close();
        }
    }
}
