package org.skypatrol.gateway.config;

/** The {@code video} section: video sources, the RTSP publish server, recording and retention. */
public record VideoConfig(boolean enabled) {

    public static VideoConfig defaults() {
        return new VideoConfig(true);
    }

    void validate(Problems p) {
        // nothing to check yet
    }
}
