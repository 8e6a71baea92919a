package org.skypatrol.analytics.frame;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One frame selected for analysis. Owns its native image: close it when done.
 *
 * @param index       index among all decoded frames of the source (0-based)
 * @param timeSeconds frame time from the start of the source (from the stream's timestamps)
 * @param bgr         the decoded frame, BGR 8-bit, full resolution (a private copy)
 * @param stream      which unbroken stretch of video of the source the frame belongs to (0, 1, ...):
 *                    a looping file starting again, a reconnect or a new publisher starts the next,
 *                    and the analysis starts afresh there (the scene before the break is not this one)
 */
public record AnalysisFrame(long index, double timeSeconds, Mat bgr, int stream) implements AutoCloseable {

    /** A frame of a source that never breaks (a file read once). */
    public AnalysisFrame(long index, double timeSeconds, Mat bgr) {
        this(index, timeSeconds, bgr, 0);
    }

    public int width() {
        return bgr.cols();
    }

    public int height() {
        return bgr.rows();
    }

    @Override
    public void close() {
        bgr.close();
    }
}
