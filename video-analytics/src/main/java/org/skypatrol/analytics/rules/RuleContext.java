package org.skypatrol.analytics.rules;

import java.time.LocalTime;
import java.util.List;
import java.util.function.Predicate;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * Everything a rule may look at for one frame: the scene as this frame sees it, the frame time
 * (never the wall clock), the live tracks, and the local time of day when known (for zone hours).
 */
public record RuleContext(SceneView view, double timeSeconds, long frame, List<TrackSnapshot> tracks,
                          LocalTime localTime) {

    public RuleContext {
        tracks = List.copyOf(tracks);
    }

    public List<TrackSnapshot> tracksOf(Predicate<ObjectClass> cls) {
        return tracks.stream().filter(t -> cls.test(t.cls())).toList();
    }

    public static boolean inside(TrackSnapshot t, ResolvedZone z) {
        return z.ground().contains(t.ground());
    }

    /** Whether a zone's optional hours include this frame (unknown local time = always active). */
    public boolean active(ResolvedZone z) {
        return z.zone().hours() == null || localTime == null || z.zone().hours().contains(localTime);
    }

    /**
     * Whether consecutive observations are never more than {@code maxGapSeconds} apart: evidence over
     * a window must be seen, not coasted (a track that was lost and re-attached may be another object).
     */
    public static boolean continuous(List<TrackPoint> points, double maxGapSeconds) {
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).timeSeconds() - points.get(i - 1).timeSeconds() > maxGapSeconds) {
                return false;
            }
        }
        return true;
    }

    /** How long the track has been continuously inside the zone, per its history (0 if outside now). */
    public double secondsInside(TrackSnapshot t, ResolvedZone z) {
        if (!inside(t, z)) {
            return 0;
        }
        double since = timeSeconds;
        List<TrackPoint> h = t.history();
        for (int i = h.size() - 1; i >= 0; i--) {
            if (!z.ground().contains(h.get(i).ground())) {
                break;
            }
            since = h.get(i).timeSeconds();
        }
        return timeSeconds - since;
    }
}
