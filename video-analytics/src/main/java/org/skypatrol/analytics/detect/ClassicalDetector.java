package org.skypatrol.analytics.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2d;
import org.bytedeco.opencv.opencv_core.Rect;
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
 * frame is shifted onto the models against sway ({@link #stabilise}). Both models follow the
 * frame's global brightness ({@link #followGain}).
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
    private final Mat hann = new Mat();
    private long stabilised;
    private long swayRejected;
    private long resets;
    private long ghostsRejected;
    private long thinRejected;
    private long linesRejected;
    /** Longest side over shortest beyond which a blob is a line artefact (a truck seen from above is ~5). */
    private static final int MAX_ASPECT = 8;
    /**
     * Narrowest still blob kept, in analysis pixels. It was 5 while lane dashes under camera jitter were
     * 2-4 px wide slivers; stabilisation and the sway-tolerant comparison remove those now, and a box
     * fallen on the road 25 m from a 16 m mast shows a dark face only 4 px high.
     */
    private static final int MIN_STILL_SIDE = 4;
    /**
     * Newly static blobs are thresholded with hysteresis: a core differing by {@code diffThreshold}
     * grows by up to {@link #STILL_GROW_PIXELS} into pixels differing by this share of it. A small
     * object's blurred edges stay in its blob (the fallen box's face is 3 px over the full threshold and
     * 4-5 px over this one), and nothing without a core appears.
     */
    private static final double STILL_LOW_FACTOR = 0.75;
    private static final int STILL_GROW_PIXELS = 3;
    /** Narrowest blob kept at all: 3 px wide blobs are lane dashes left by residual drone motion. */
    private static final int MIN_SIDE = 4;
    /** Neighbourhood (analysis pixels) the slow background may have shifted by under sway. */
    private static final int SWAY_KERNEL = 5;
    /** Largest global brightness change per analysed frame followed by scaling the models. */
    private static final double MAX_GAIN_STEP = 0.2;
    /** Largest sway shift (analysis pixels) taken as sway; more is a camera that was moved. */
    private static final double MAX_SWAY_PIXELS = 8;
    /** Weakest phase-correlation peak trusted as the image's shift. */
    private static final double MIN_SWAY_RESPONSE = 0.05;
    /** Neighbourhood (analysis pixels) of a frame-to-frame change that counts as a moving object's body. */
    private static final int MOVING_KERNEL = 15;
    /** How much slower the fast model learns on moving foreground. */
    private static final double MOVING_SLOWDOWN = 4;

    public ClassicalDetector(ClassicalSettings settings) {
        this.s = settings;
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
            stabilise();
        }
        Mat frameDiff = new Mat();
        opencv_core.absdiff(gray, prevGray, frameDiff);
        opencv_imgproc.threshold(frameDiff, motion, s.diffThreshold() / 2, 255, opencv_imgproc.THRESH_BINARY);
        opencv_core.bitwise_and(motion, known, motion);
        gray.copyTo(prevGray);
        gray.convertTo(gray32, opencv_core.CV_32F);
        followGain(bgFast);
        followGain(bgSlow);
        boolean warming = frame.timeSeconds() - startTime < s.warmupSeconds();
        Mat fgFast = foreground(bgFast);
        Mat fgSlow = foreground(bgSlow);
        Mat fresh = null;
        if (opencv_core.countNonZero(known) < known.rows() * known.cols()) {
            // Ground the camera motion just brought into view: both models take it at once and report
            // nothing there this frame. It stays "unseen" for the slow model (seenBg) until it matches
            // a later frame, so a car passing through it is relearned quickly rather than kept.
            fresh = new Mat();
            opencv_core.bitwise_not(known, fresh);
            gray32.copyTo(bgFast, fresh);
            gray32.copyTo(bgSlow, fresh);
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
            opencv_core.bitwise_or(seenBg, still, seenBg);
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
        opencv_imgproc.accumulateWeighted(gray32, bgSlow, s.slowAlpha(), slowLearnMask(fgSlow));
        opencv_imgproc.accumulateWeighted(gray32, bgSlow, s.slowAlpha() / 30);
        opencv_imgproc.accumulateWeighted(gray32, bgSlow, 0.5, unknown);
        // newly static = differs from a known slow background, matches the fast one
        Mat staticMask = new Mat();
        opencv_core.bitwise_and(shiftTolerant(bgSlow), notFast, staticMask);
        opencv_core.bitwise_and(staticMask, seenBg, staticMask);
        opencv_imgproc.morphologyEx(staticMask, staticMask, opencv_imgproc.MORPH_OPEN, kernel(3));
        staticMask.copyTo(prevStatic);
        Mat anyFg = new Mat();
        opencv_core.bitwise_or(fastDilated, staticMask, anyFg);
        opencv_imgproc.dilate(anyFg, anyFg, kernel(9));
        opencv_core.bitwise_not(anyFg, stillMask);
        List<Detection> out = new ArrayList<>();
        blobs(withoutTrail(fgFast, fgSlow), false, view, out);
        blobs(staticMask, true, view, out);
        return out;
    }

    /**
     * Where the slow model learns: not on its own foreground, and not within {@link #SWAY_KERNEL} of what
     * stood newly static in the previous frame. The sway-tolerant comparison takes the extremes of that
     * neighbourhood of the slow model; had the model learned a small still object's blurred rim, the
     * object would meet its own colour there and fade out of the static mask within seconds.
     */
    private Mat slowLearnMask(Mat fgSlow) {
        Mat busy = new Mat();
        if (prevStatic.empty() || prevStatic.cols() != fgSlow.cols() || prevStatic.rows() != fgSlow.rows()) {
            fgSlow.copyTo(busy);
        } else {
            opencv_imgproc.dilate(prevStatic, busy, kernel(SWAY_KERNEL));
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
                prediction = toAnalysisPixels(full.get());
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
        // a margin: resampling near the edge still mixes in replicated border pixels
        opencv_imgproc.erode(known, known, kernel(5));
    }

    /**
     * Scales a background model to the frame's overall brightness: the ratio of the frame's mean to
     * the model's over the pixels that showed background in the previous frame. A global lighting
     * swing (sun behind a cloud, auto exposure) otherwise outruns the fast model's learning and
     * every bright lane line becomes foreground. Local changes (an object, a shadow) barely move
     * the ratio; a change of more than {@link #MAX_GAIN_STEP} per frame is left to the relearning.
     */
    private void followGain(Mat model) {
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

    /**
     * A fixed camera's sway: the whole image shifts by a pixel or two and back as the pole moves,
     * which leaves every lane line a sliver of "foreground" against backgrounds averaged over the
     * sway. The frame is registered to the slow background by a translation (phase correlation,
     * sub-pixel, insensitive to the moving objects that are a small part of the image) and shifted
     * onto it; the models are never resampled, so nothing accumulates, and detections come out in
     * the reference frame the scene's calibration was made for. Implausible shifts (a weak peak,
     * or more than {@link #MAX_SWAY_PIXELS}: the camera was moved) are counted and not applied.
     */
    private void stabilise() {
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

    /** A full-resolution pixel homography as one between analysis pixels: S^-1 H S, S = diag(scale, scale, 1). */
    private Mat toAnalysisPixels(double[] h) {
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
        startTime = t;
    }

    private Mat foreground(Mat bg) {
        Mat bg8 = new Mat();
        bg.convertTo(bg8, opencv_core.CV_8U);
        Mat diff = new Mat();
        opencv_core.absdiff(gray, bg8, diff);
        Mat fg = new Mat();
        opencv_imgproc.threshold(diff, fg, s.diffThreshold(), 255, opencv_imgproc.THRESH_BINARY);
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
    private Mat shiftTolerant(Mat bg) {
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
        opencv_imgproc.threshold(fg, low, s.diffThreshold() * STILL_LOW_FACTOR, 255, opencv_imgproc.THRESH_BINARY);
        opencv_imgproc.threshold(fg, fg, s.diffThreshold(), 255, opencv_imgproc.THRESH_BINARY);
        Mat step = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT, new Size(3, 3));
        for (int i = 0; i < STILL_GROW_PIXELS; i++) {
            opencv_imgproc.dilate(fg, fg, step);        // hysteresis: grow the cores within the weaker difference
            opencv_core.bitwise_and(fg, low, fg);
        }
        opencv_imgproc.morphologyEx(fg, fg, opencv_imgproc.MORPH_OPEN, kernel(3));
        opencv_imgproc.morphologyEx(fg, fg, opencv_imgproc.MORPH_CLOSE, kernel(7));
        return fg;
    }

    private static Mat kernel(int k) {
        return opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_ELLIPSE, new Size(k, k));
    }

    private void blobs(Mat mask, boolean isStatic, SceneView view, List<Detection> out) {
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int n = opencv_imgproc.connectedComponentsWithStats(mask, labels, stats, centroids, 8, opencv_core.CV_32S);
        try (IntIndexer st = stats.createIndexer()) {
            for (int i = 1; i < n; i++) {
                int area = st.get(i, opencv_imgproc.CC_STAT_AREA);
                if (area < s.minAreaPixels()) {
                    continue;
                }
                int x = st.get(i, opencv_imgproc.CC_STAT_LEFT);
                int y = st.get(i, opencv_imgproc.CC_STAT_TOP);
                int w = st.get(i, opencv_imgproc.CC_STAT_WIDTH);
                int h = st.get(i, opencv_imgproc.CC_STAT_HEIGHT);
                Rect rect = new Rect(x, y, w, h);
                boolean still = isStatic;
                int changed = opencv_core.countNonZero(new Mat(motion, rect));
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
                if (still && isGhost(rect)) {
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
    private boolean isGhost(Rect r) {
        Mat cur = new Mat(gray, r);
        Mat bg8 = new Mat();
        new Mat(bgSlow, r).convertTo(bg8, opencv_core.CV_8U);
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

    /** Frames a fixed camera's sway shift was applied to. */
    public long stabilised() {
        return stabilised;
    }

    /** Frames whose sway estimate was not trusted (weak correlation peak, or a jump: the camera moved). */
    public long swayRejected() {
        return swayRejected;
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

    /** Still blobs dropped as too narrow to be an object (see {@link #MIN_STILL_SIDE}). */
    public long thinRejected() {
        return thinRejected;
    }

    /** Blobs dropped as too elongated to be an object (see {@link #MAX_ASPECT}). */
    public long linesRejected() {
        return linesRejected;
    }

    public long ghostsRejected() {
        return ghostsRejected;
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
        hann.close();
    }
}
