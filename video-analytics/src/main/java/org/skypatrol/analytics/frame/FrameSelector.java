package org.skypatrol.analytics.frame;

import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What every frame source does with a decoded frame (issue 5, "frames → analysis rate"), shared by
 * files ({@link FileFrameSource}), pulled streams and published streams in the gateway: thin to the
 * analysis rate and turn a kept frame into an {@link AnalysisFrame} with a private BGR copy, counting
 * in the source's {@link SourceStats} (skipped, analysed, frames that cannot be converted as decode
 * errors).
 *
 * <p>The rate: a frame is due when its time reaches the next analysis slot, half a source frame early
 * being fine; each kept frame moves the slot on by one analysis period, never leaving it more than
 * half a period behind the kept frame, so a stream that stalls and resumes does not burst. Not
 * thread-safe: one decode thread.
 */
public final class FrameSelector {

    private final double period;
    private final SourceStats stats;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private double nextDue;
    private int stream;

    /** @param analysisFps frames per second to analyse; 0 or less keeps every frame */
    public FrameSelector(double analysisFps, SourceStats stats) {
        this.period = analysisFps <= 0 ? 0 : 1.0 / analysisFps;
        this.stats = stats;
    }

    /**
     * @param timeSeconds the frame's time (or its predicted time, before decoding it)
     * @param frameStep   the source's frame interval in seconds (1/fps)
     * @return whether the frame is due for analysis (nothing counted)
     */
    public boolean due(double timeSeconds, double frameStep) {
        return period == 0 || timeSeconds + 0.5 * frameStep >= nextDue;
    }

    /**
     * The video broke here (a file looped, the source reconnected, another publisher took over): the
     * frames kept from now on belong to the next stream ({@link AnalysisFrame#stream}).
     */
    public void newStream() {
        stream++;
    }

    /** A decoded frame that is not due: counted as skipped (by design, not a loss). */
    public void skip() {
        stats.skipped.incrementAndGet();
    }

    /**
     * A kept JavaCV frame (BGR24 from the grabber) as an analysis frame: converted and copied out (the
     * grabber's image is only valid until its next grab). Null, counted as a decode error, when it
     * cannot be converted.
     */
    public AnalysisFrame keep(long index, double timeSeconds, Frame frame) {
        Mat m = converter.convert(frame);
        if (m == null || m.empty()) {
            stats.decodeErrors.incrementAndGet();
            return null;
        }
        return keep(index, timeSeconds, m.clone());
    }

    /** A kept frame already as a BGR Mat of its own (ownership passes to the analysis frame). */
    public AnalysisFrame keep(long index, double timeSeconds, Mat bgr) {
        nextDue = Math.max(nextDue + period, timeSeconds + period * 0.5);
        stats.analysed.incrementAndGet();
        return new AnalysisFrame(index, timeSeconds, bgr, stream);
    }
}
