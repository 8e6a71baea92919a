package org.skypatrol.analytics.frame;

/** A source that cannot be opened or read (missing file, not a video, unsupported codec). */
public final class FrameSourceException extends Exception {

    private static final long serialVersionUID = 1L;

    public FrameSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
