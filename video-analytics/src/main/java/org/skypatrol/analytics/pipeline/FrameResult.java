package org.skypatrol.analytics.pipeline;

import java.util.List;

import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.events.AlertEvent;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackSnapshot;

/** What the pipeline made of one frame: detections, tracks, alert phases, and the scene view used. */
public record FrameResult(long frame, double timeSeconds, SceneView view, List<Detection> detections,
                          List<TrackSnapshot> tracks, List<AlertEvent> events) {
    public FrameResult {
        detections = List.copyOf(detections);
        tracks = List.copyOf(tracks);
        events = List.copyOf(events);
    }
}
