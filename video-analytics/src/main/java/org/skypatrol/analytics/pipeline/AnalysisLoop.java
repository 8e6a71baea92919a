package org.skypatrol.analytics.pipeline;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.skypatrol.analytics.frame.AnalysisFrame;

/**
 * The analysis side of a source (STYLE.md: one analysis thread per source), shared by the offline
 * {@link VideoAnalysis} and the gateway's live analysis: takes frames from the source's bounded
 * {@link FrameQueue} until it is closed and empty, runs each through the {@link AnalysisPipeline} with
 * the pose at its time, and closes it. Where the frames' stream changes (the video broke) the
 * pipeline starts afresh first ({@link AnalysisPipeline#restart}). What the callers differ in (a hook before each frame, what to
 * do with a result, whether a failing frame stops the run) is in {@link Hooks}.
 */
public final class AnalysisLoop {

    /** What a caller adds around each frame; every method runs on the analysis thread. */
    public interface Hooks {
        /** Before the frame is analysed (a slow analysis in tests, counters). */
        default void before(AnalysisFrame frame) {
        }

        /** After: the result (empty when the frame was skipped, e.g. no pose); the frame is closed right after. */
        default void after(Optional<FrameResult> result, AnalysisFrame frame) {
        }

        /** The frame failed: return to go on with the next frame (live), or throw to stop (the default). */
        default void failed(AnalysisFrame frame, RuntimeException e) {
            throw e;
        }
    }

    private AnalysisLoop() {
    }

    /**
     * Runs until {@code queue} is closed and empty.
     *
     * @return the frames taken from the queue and analysed (or failed)
     */
    public static long run(FrameQueue queue, AnalysisPipeline pipeline, PoseSource poses, Hooks hooks)
            throws InterruptedException {
        long taken = 0;
        int stream = Integer.MIN_VALUE;
        while (true) {
            AnalysisFrame f = queue.take(1, TimeUnit.SECONDS);
            if (f == null) {
                if (queue.isClosedAndEmpty()) {
                    return taken;
                }
                continue;
            }
            taken++;
            if (f.stream() != stream) {
                if (stream != Integer.MIN_VALUE) {
                    pipeline.restart();                 // the video broke: start afresh (alerts ended)
                }
                stream = f.stream();
            }
            try (f) {
                hooks.before(f);
                hooks.after(pipeline.process(f, poses.poseAt(f.timeSeconds()).orElse(null)), f);
            } catch (RuntimeException e) {
                hooks.failed(f, e);
            }
        }
    }
}
