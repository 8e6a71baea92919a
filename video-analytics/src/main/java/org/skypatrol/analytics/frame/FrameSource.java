package org.skypatrol.analytics.frame;

import java.util.Optional;

/** A source of frames at the analysis rate (file or stream); one thread per source. */
public interface FrameSource extends AutoCloseable {

    /** The next frame for analysis, or empty at the end of the source. */
    Optional<AnalysisFrame> next() throws FrameSourceException;

    SourceStats stats();

    /** Nominal frame rate of the source (frames per second), or NaN when unknown. */
    double sourceFps();

    /** Number of frames the container announces, or -1 when unknown. */
    long announcedFrames();

    @Override
    void close();
}
