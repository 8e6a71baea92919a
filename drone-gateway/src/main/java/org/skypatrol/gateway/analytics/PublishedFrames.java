package org.skypatrol.gateway.analytics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.opencv.opencv_core.Mat;
import org.skypatrol.analytics.frame.AnnexBDecoder;
import org.skypatrol.analytics.frame.FrameSelector;
import org.skypatrol.analytics.frame.FrameSourceException;
import org.skypatrol.analytics.frame.SourceStats;
import org.skypatrol.analytics.pipeline.FrameQueue;

/**
 * Decoded frames of a stream a drone publishes to the gateway's RTSP server, for its live analysis:
 * the access units the feed hands to a {@link GopQueue} (never blocking ingest or recording) are
 * decoded here, on the analysis' decode thread, by FFmpeg ({@link AnnexBDecoder}, H.264 or H.265),
 * thinned to the analysis rate and kept as analysis frames ({@link FrameSelector}, shared with the other sources) and put into the analysis' {@link FrameQueue}.
 *
 * <p>Each publisher is a stream of its own: when one ends the decoder drains, and when another takes
 * over (counted) a fresh decoder starts at its first keyframe. Frame times come from the access
 * units' RTP timestamps (90 kHz): a stream is placed on the source's analysis timeline where it
 * began, so frame times match wall-clock time and the drone's telemetry, and they never go back
 * across publishers. Not thread-safe: one decode thread.
 */
final class PublishedFrames implements LiveFrames {

    /** Timeline seconds of a picture, for the frame step when the stream's rate is not known yet. */
    private static final double DEFAULT_STEP = 1 / 25.0;

    private final GopQueue queue;
    private final SourceStats stats = new SourceStats();
    private final FrameSelector selector;
    private final AtomicLong publishers = new AtomicLong();
    private final Runnable beforeTake;
    private AnnexBDecoder decoder;
    private GopQueue.Stream stream;
    private volatile String state = "waiting";
    private volatile String lastError;
    private double offset;
    private long firstPts = Long.MIN_VALUE;
    private long lastPts = Long.MIN_VALUE;
    private double step = DEFAULT_STEP;
    private double lastTime = -1;
    private long index = -1;
    private long decoderErrorsSeen;

    /** @param beforeTake called on the decode thread before each unit is taken (tests: a stalled decoder); may be null */
    PublishedFrames(GopQueue queue, double analysisFps, Runnable beforeTake) {
        this.beforeTake = beforeTake;
        this.queue = queue;
        this.selector = new FrameSelector(analysisFps, stats);
    }

    /** Decodes until the queue is closed or the thread interrupted; analysed frames go to {@code out}. */
    @Override
    public void run(FrameQueue out) throws InterruptedException {
        try {
            while (!queue.isClosed()) {
                if (beforeTake != null) {
                    beforeTake.run();
                }
                GopQueue.Next n = queue.take(1, TimeUnit.SECONDS);
                if (n == null) {
                    continue;
                }
                if (stream == null || n.stream().serial() != stream.serial()) {
                    startStream(n.stream(), out);
                }
                if (decoder == null) {
                    continue;                           // no decoder for this stream (counted in startStream)
                }
                boolean ok = n.unit() == null
                        ? drain(out)
                        : decode(n.unit().data(), n.unit().pts90k(), out);
                if (!ok) {
                    return;                             // the frame queue is closed: the analysis stops
                }
                if (n.unit() == null) {
                    state = "waiting";
                    lastError = "publisher gone";
                }
            }
        } finally {
            closeDecoder();
        }
    }

    private void startStream(GopQueue.Stream s, FrameQueue out) throws InterruptedException {
        if (decoder != null && !drain(out)) {
            return;
        }
        if (stream != null) {
            publishers.incrementAndGet();               // a new publisher took over (or the same one came back)
        }
        stream = s;
        selector.newStream();                           // another stretch of video: the analysis starts afresh
        firstPts = Long.MIN_VALUE;
        lastPts = Long.MIN_VALUE;
        AnnexBDecoder.Codec codec = s.h265() ? AnnexBDecoder.Codec.H265 : AnnexBDecoder.Codec.H264;
        if (decoder == null || decoder.codec() != codec) {
            closeDecoder();
            try {
                decoder = new AnnexBDecoder(codec);
            } catch (FrameSourceException e) {
                stats.readErrors.incrementAndGet();
                lastError = e.getMessage();
                state = "failed";
                return;
            }
        }
        state = "running";
    }

    private boolean decode(byte[] data, long pts90k, FrameQueue out) throws InterruptedException {
        return run(sink -> decoder.decode(data, pts90k, sink), out);
    }

    private boolean drain(FrameQueue out) throws InterruptedException {
        return run(decoder::drain, out);
    }

    /** Runs one decoder call, each picture into {@link #picture}; false once the frame queue is closed. */
    private boolean run(java.util.function.Consumer<AnnexBDecoder.Sink> call, FrameQueue out) throws InterruptedException {
        boolean[] open = {true};
        InterruptedException[] interrupted = {null};
        call.accept((pts, picture) -> {
            if (open[0] && interrupted[0] == null) {
                try {
                    open[0] = picture(pts, picture, out);
                } catch (InterruptedException e) {
                    interrupted[0] = e;
                }
            }
        });
        countErrors();
        if (interrupted[0] != null) {
            throw interrupted[0];
        }
        return open[0];
    }

    private void countErrors() {
        stats.decodeErrors.addAndGet(decoder.errors() - decoderErrorsSeen);
        decoderErrorsSeen = decoder.errors();
    }

    /** One decoded picture: its timeline time, the analysis rate, then BGR into the frame queue. */
    private boolean picture(long pts, AnnexBDecoder.Picture picture, FrameQueue out) throws InterruptedException {
        index++;
        stats.decoded.incrementAndGet();
        if (firstPts == Long.MIN_VALUE) {
            // times count from the stream's first unit (GopQueue.Stream), not from the first picture decoded
            firstPts = stream.startPts() != Long.MIN_VALUE ? stream.startPts() : pts;
            // the stream sits where it began on the timeline, after the last frame of the previous one
            offset = Math.max(stream.startSeconds(), lastTime + step);
        } else if (pts > lastPts) {
            step = Math.min(1.0, (pts - lastPts) / 90_000.0);
        }
        lastPts = Math.max(lastPts, pts);
        double t = Math.max(offset + (pts - firstPts) / 90_000.0, lastTime + 1e-3);
        lastTime = t;
        if (!selector.due(t, step)) {
            selector.skip();
            return true;
        }
        Mat bgr;
        try {
            bgr = picture.toBgr();
        } catch (RuntimeException e) {
            stats.decodeErrors.incrementAndGet();
            lastError = e.getMessage();
            return true;
        }
        return out.put(selector.keep(index, t, bgr));
    }

    private void closeDecoder() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
            decoderErrorsSeen = 0;
        }
    }

    /** Closes the unit queue: the feed's next units are counted as undecodable, the decoder stops. */
    @Override
    public void stop() {
        queue.close();
    }

    @Override
    public SourceStats stats() {
        return stats;
    }

    /** {@code waiting} (no publisher), {@code running}, or {@code failed} (no decoder for the codec). */
    @Override
    public String state() {
        return state;
    }

    @Override
    public String lastError() {
        return lastError;
    }

    /** Publishers that took over after the first (a new one, or the same drone reconnecting). */
    @Override
    public long reconnects() {
        return publishers.get();
    }

    @Override
    public long droppedGops() {
        return queue.droppedGops();
    }

    @Override
    public long lostUnits() {
        return queue.droppedUnits() + queue.undecodableUnits();
    }
}
