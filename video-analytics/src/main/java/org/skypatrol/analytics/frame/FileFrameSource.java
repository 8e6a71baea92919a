package org.skypatrol.analytics.frame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Frames of a video file (or any FFmpeg URL) through JavaCV's FFmpegFrameGrabber, thinned to the
 * analysis rate. Every frame must be decoded (H.264 frames depend on each other), but frames the
 * analysis rate skips are grabbed with {@code doProcessing = false}: no pixel-format conversion, no
 * copy. Kept frames are converted to BGR once and copied out by the {@link FrameSelector} shared with
 * the gateway's live sources.
 */
public final class FileFrameSource implements FrameSource {

    private final FFmpegFrameGrabber grabber;
    private final SourceStats stats = new SourceStats();
    private final FrameSelector selector;
    private final FfmpegLogCounter log = FfmpegLogCounter.install();
    private final double fps;
    private long index = -1;
    private double lastTime = -1;

    /**
     * @param analysisFps frames per second to analyse; 0 or more than the source rate = every frame
     */
    public FileFrameSource(Path file, double analysisFps) throws FrameSourceException {
        if (!Files.isReadable(file)) {
            throw new FrameSourceException("cannot read video " + file + ": no such file or not readable", null);
        }
        this.grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly();
            throw new FrameSourceException("cannot open video " + file + " (not a video, or unsupported): "
                    + e.getMessage(), e);
        }
        if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
            closeQuietly();
            throw new FrameSourceException("no video stream in " + file, null);
        }
        double r = grabber.getVideoFrameRate();
        this.fps = r > 0 && r < 1000 ? r : Double.NaN;
        this.selector = new FrameSelector(analysisFps, stats);
    }

    @Override
    public Optional<AnalysisFrame> next() throws FrameSourceException {
        while (true) {
            double predicted = index < 0 ? 0 : lastTime + (Double.isNaN(fps) ? 0.04 : 1 / fps);
            // keep the frame if its predicted time reaches the next analysis slot
            boolean keep = selector.due(predicted, 1 / (Double.isNaN(fps) ? 25 : fps));
            long errorsBefore = log.errors();
            Frame f;
            try {
                f = grabber.grabFrame(false, true, keep, false, false);
            } catch (FrameGrabber.Exception | RuntimeException e) {
                stats.readErrors.incrementAndGet();
                throw new FrameSourceException("cannot read frame " + (index + 1) + ": " + e.getMessage(), e);
            }
            stats.decodeErrors.addAndGet(Math.max(0, log.errors() - errorsBefore));
            if (f == null) {
                return Optional.empty();
            }
            if (f.image == null) {
                continue;                               // a non-video frame
            }
            index++;
            stats.decoded.incrementAndGet();
            double t = f.timestamp > 0 || index == 0 ? f.timestamp / 1e6 : lastTime + 1 / (Double.isNaN(fps) ? 25 : fps);
            if (t <= lastTime) {
                t = lastTime + 1e-3;                    // keep frame time strictly increasing
            }
            lastTime = t;
            if (!keep) {
                selector.skip();
                continue;
            }
            AnalysisFrame kept = selector.keep(index, t, f);
            if (kept != null) {
                return Optional.of(kept);
            }
        }
    }

    /** The container's {@code creation_time} metadata, when present (aligns video with telemetry). */
    public Optional<java.time.Instant> creationTime() {
        String v = grabber.getMetadata("creation_time");
        if (v == null || v.isBlank()) {
            v = grabber.getVideoMetadata("creation_time");
        }
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.Instant.parse(v.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
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
        int n = grabber.getLengthInVideoFrames();
        return n > 0 ? n : -1;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            stats.readErrors.incrementAndGet();
        }
    }
}
