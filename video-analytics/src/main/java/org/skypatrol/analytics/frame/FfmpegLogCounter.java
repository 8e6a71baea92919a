package org.skypatrol.analytics.frame;

import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts FFmpeg's error-level log messages (decode errors in corrupt streams: "Invalid NAL unit",
 * "error while decoding MB"...) and logs them rate-limited (at most one line a second, with the count).
 * FFmpeg's log callback is process-wide, so this is installed once; sources read the counter's
 * increase while they grab.
 */
public final class FfmpegLogCounter extends FFmpegLogCallback {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegLogCounter.class);
    private static final FfmpegLogCounter INSTANCE = new FfmpegLogCounter();
    private static volatile boolean installed;

    private final AtomicLong errors = new AtomicLong();
    /** Per thread: FFmpeg logs on the thread that runs the codec, so a single-threaded decoder's errors are its own. */
    private final ThreadLocal<long[]> threadErrors = ThreadLocal.withInitial(() -> new long[1]);
    private volatile long lastLogNanos;
    private final AtomicLong suppressed = new AtomicLong();

    private FfmpegLogCounter() {
    }

    public static synchronized FfmpegLogCounter install() {
        if (!installed) {
            avutil.setLogCallback(INSTANCE);
            installed = true;
        }
        return INSTANCE;
    }

    public long errors() {
        return errors.get();
    }

    /**
     * Error messages logged on the calling thread: exact for a decoder run with one thread on it
     * ({@link AnnexBDecoder}), where {@link #errors()} would also count every other source's.
     */
    public long errorsOnThisThread() {
        return threadErrors.get()[0];
    }

    @Override
    public void call(int level, BytePointer msg) {
        if (level > avutil.AV_LOG_ERROR) {
            return;                                     // warnings and chatter are not counted
        }
        errors.incrementAndGet();
        threadErrors.get()[0]++;
        long now = System.nanoTime();
        if (now - lastLogNanos > 1_000_000_000L) {
            lastLogNanos = now;
            LOG.warn("ffmpeg: {} (+{} similar in the last second)", msg.getString().strip(), suppressed.getAndSet(0));
        } else {
            suppressed.incrementAndGet();
        }
    }
}
