package org.skypatrol.analytics.pipeline;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.frame.FrameSource;
import org.skypatrol.analytics.frame.FrameSourceException;

/**
 * Runs a {@link FrameSource} into an {@link AnalysisPipeline} with the per-source thread layout of
 * STYLE.md: a grab thread (decode, analysis-rate thinning) → a bounded {@link FrameQueue} → the
 * analysis on the calling thread ({@link AnalysisLoop}, shared with the gateway's live analysis). Offline files use {@link FrameQueue.Policy#BLOCK}; live sources
 * {@link FrameQueue.Policy#DROP_OLDEST}.
 */
public final class VideoAnalysis {

    /** Summary of a run. */
    public record Result(long framesAnalysed, long framesDropped, String sourceError) {
    }

    private VideoAnalysis() {
    }

    /**
     * @param onFrame called on the analysis thread with each frame's result and the frame itself
     *                (the frame is closed right after; copy what you keep)
     */
    public static Result run(FrameSource source, AnalysisPipeline pipeline, PoseSource poses, FrameQueue.Policy policy,
                             FrameConsumer onFrame) throws InterruptedException {
        FrameQueue queue = new FrameQueue(4, policy);
        AtomicReference<String> error = new AtomicReference<>();
        Thread grab = new Thread(() -> {
            try {
                while (true) {
                    var f = source.next();
                    if (f.isEmpty() || !queue.put(f.get())) {
                        break;
                    }
                }
            } catch (FrameSourceException e) {
                error.set(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                queue.close();
            }
        }, "grab-" + pipeline.scene().id());
        grab.setDaemon(true);
        grab.start();
        long analysed;
        try {
            analysed = AnalysisLoop.run(queue, pipeline, poses, new AnalysisLoop.Hooks() {
                @Override
                public void after(java.util.Optional<FrameResult> result, AnalysisFrame frame) {
                    result.ifPresent(r -> onFrame.accept(r, frame));
                }
            });
        } finally {
            queue.close();
            grab.join(10_000);
            queue.discardRemaining();
        }
        pipeline.finish();
        return new Result(analysed, queue.dropped(), error.get());
    }

    /** Receives each analysed frame with its result. */
    @FunctionalInterface
    public interface FrameConsumer {
        void accept(FrameResult result, AnalysisFrame frame);

        static FrameConsumer ignore() {
            return (r, f) -> { };
        }

        static FrameConsumer of(Consumer<FrameResult> c) {
            return (r, f) -> c.accept(r);
        }
    }
}
