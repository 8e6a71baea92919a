package org.skypatrol.gateway.config;

/** The {@code analytics} section: live analytics per video source. */
public record AnalyticsConfig(boolean enabled) {

    public static AnalyticsConfig defaults() {
        return new AnalyticsConfig(true);
    }

    void validate(Problems p) {
        // nothing to check yet
    }
}
