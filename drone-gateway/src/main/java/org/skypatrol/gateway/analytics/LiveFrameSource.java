package org.skypatrol.gateway.analytics;

import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.frame.FrameSource;
import org.skypatrol.analytics.frame.FrameSelector;
import org.skypatrol.analytics.frame.FrameSourceException;
import org.skypatrol.analytics.frame.SourceStats;

/**
 * Decoded frames of one live source for the analysis: its own FFmpegFrameGrabber on the source's URL
 * ({@code rtsp://} over TCP with socket timeouts, or a file, optionally looped at real-time pace),
 * thinned to the analysis rate.
 *
 * <p>Why a grabber of its own rather than a tap on the gateway's {@link
 * org.skypatrol.gateway.video.SourceFeed}: the feed only remuxes compressed packets into the
 * recording and never decodes. Decoding there, even behind a drop-oldest queue, would put a decoder
 * (and its failures) on the thread that writes the recording. A separate grabber keeps ingest and
 * recording unaware of the analysis: if decoding or analysis falls behind, only this source's
 * analysis queue drops frames (counted). The cost is a second connection per camera (RTSP cameras
 * allow several sessions) and a second demux. Streams published to the gateway's RTSP server have no
 * URL to open again: {@link PublishedFrames} decodes them from the feed instead.
 *
 * <p>Frame times are seconds on the analysis timeline of the source (see {@link #timeSeconds}), which
 * keeps increasing across loops and reconnects, so the tracker and the rules never see time go back.
 * Not thread-safe: one grab thread.
 */
final class LiveFrameSource implements FrameSource {

    private final String url;
    private final boolean file;
    private final boolean loop;
    private final boolean realTime;
    private final int timeoutSeconds;
    private final SourceStats stats = new SourceStats();
    private final FrameSelector selector;
    private final double timelineStart;
    private FFmpegFrameGrabber grabber;
    private double fps = Double.NaN;
    /** Added to the stream's timestamps: where the current (re)opened stream sits on the timeline. */
    private double offset;
    private double lastStreamTime = -1;
    private double lastTime = -1;
    private long index = -1;
    private long paceOriginNanos;
    private double paceOriginTime;

    /**
     * @param timelineStart seconds on the analysis timeline at which the first frame is placed (the
     *                      caller passes the time since the service started, so that timeline time
     *                      maps to wall-clock time)
     */
    LiveFrameSource(String url, boolean loop, boolean realTime, int timeoutSeconds, double analysisFps,
                    double timelineStart) {
        this.url = url;
        this.file = !url.contains("://");
        this.loop = file && loop;
        this.realTime = file && realTime;
        this.timeoutSeconds = timeoutSeconds;
        this.selector = new FrameSelector(analysisFps, stats);
        this.timelineStart = timelineStart;
        this.offset = timelineStart;
    }

    /** Opens (or re-opens after {@link #close}) the source; the timeline continues where it was. */
    void open(double timelineNow) throws FrameSourceException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(url);
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        if (!file) {
            long us = timeoutSeconds * 1_000_000L;
            g.setOption("rtsp_transport", "tcp");
            g.setOption("timeout", Long.toString(us));      // open and read (rtsp demuxer: socket timeout)
            g.setOption("rw_timeout", Long.toString(us));   // any protocol's read/write
        }
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(g);
            stats.readErrors.incrementAndGet();
            throw new FrameSourceException("cannot open " + url + ": " + e.getMessage(), e);
        }
        if (g.getVideoStream() < 0 || g.getImageWidth() <= 0) {
            release(g);
            throw new FrameSourceException("no video stream in " + url, null);
        }
        double r = g.getVideoFrameRate();
        fps = r > 0 && r < 1000 ? r : Double.NaN;
        grabber = g;
        selector.newStream();                           // a (re)opened source is a new stretch of video
        offset = Math.max(timelineNow, lastTime + frameStep());
        lastStreamTime = -1;
        paceOriginNanos = System.nanoTime();
        paceOriginTime = offset;
    }

    @Override
    public Optional<AnalysisFrame> next() throws FrameSourceException {
        while (true) {
            Frame f;
            try {
                f = grabber.grabFrame(false, true, true, false, false);
            } catch (FrameGrabber.Exception | RuntimeException e) {
                stats.readErrors.incrementAndGet();
                throw new FrameSourceException("cannot read " + url + ": " + e.getMessage(), e);
            }
            if (f == null) {
                if (!loop) {
                    return Optional.empty();
                }
                restartFile();
                continue;
            }
            if (f.image == null) {
                continue;
            }
            index++;
            stats.decoded.incrementAndGet();
            double streamTime = f.timestamp / 1e6;
            if (lastStreamTime >= 0 && streamTime <= lastStreamTime) {
                streamTime = lastStreamTime + frameStep();
            }
            if (lastStreamTime < 0) {
                offset -= streamTime;                    // the first frame of a (re)opened stream sits at offset
            }
            lastStreamTime = streamTime;
            double t = Math.max(offset + streamTime, lastTime + 1e-3);
            lastTime = t;
            if (realTime) {
                pace(t);
            }
            if (!selector.due(t, frameStep())) {
                selector.skip();
                continue;
            }
            AnalysisFrame kept = selector.keep(index, t, f);
            if (kept != null) {
                return Optional.of(kept);
            }
        }
    }

    /** Waits until timeline time {@code t} is due on the monotonic clock (a file played as a camera would). */
    private void pace(double t) {
        long due = paceOriginNanos + (long) ((t - paceOriginTime) * 1e9);
        long wait;
        while ((wait = due - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(wait);
        }
    }

    private void restartFile() throws FrameSourceException {
        try {
            grabber.setTimestamp(0);
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // some containers cannot seek: reopen instead
            close();
            open(lastTime + frameStep());
            return;
        }
        selector.newStream();                           // the loop starts again: the video broke here
        offset = lastTime + frameStep();
        lastStreamTime = -1;
    }

    private double frameStep() {
        return 1 / (Double.isNaN(fps) ? 25 : fps);
    }

    /** Seconds on the timeline of the last frame decoded, or the start before any. */
    double timelineNow() {
        return lastTime < 0 ? timelineStart : lastTime;
    }

    @Override
    public SourceStats stats() {
        return stats;
    }

    @Override
    public double sourceFps() {
        return fps;
    }

    @Override
    public long announcedFrames() {
        return -1;
    }

    @Override
    public void close() {
        if (grabber != null) {
            release(grabber);
            grabber = null;
        }
    }

    private void release(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception e) {
            stats.readErrors.incrementAndGet();
        }
    }
}
