package org.skypatrol.analytics.frame;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One frame selected for analysis. Owns its native image: close it when done.
 *
 * @param index       index among all decoded frames of the source (0-based)
 * @param timeSeconds frame time from the start of the source (from the stream's timestamps)
 * @param bgr         the decoded frame, BGR 8-bit, full resolution (a private copy)
 */
public record AnalysisFrame(long index, double timeSeconds, Mat bgr) implements AutoCloseable {

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
