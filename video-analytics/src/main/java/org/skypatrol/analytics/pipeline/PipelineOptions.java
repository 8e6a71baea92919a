package org.skypatrol.analytics.pipeline;

import java.nio.file.Path;
import java.time.LocalDateTime;

import org.skypatrol.analytics.track.TrackerSettings;

/**
 * Options of one analysis pipeline.
 *
 * @param evidenceDir where annotated evidence JPEGs go, or null for none
 * @param videoStart  local date-time of the first frame (for zone hours), or null when unknown
 * @param tracker     tracker tuning
 */
public record PipelineOptions(Path evidenceDir, LocalDateTime videoStart, TrackerSettings tracker) {

    public static PipelineOptions defaults() {
        return new PipelineOptions(null, null, TrackerSettings.defaults());
    }
}
