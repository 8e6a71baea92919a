package org.skypatrol.analytics.rules;

import java.time.LocalTime;
import java.util.List;
import java.util.function.Predicate;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.Vec2;
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
     * Whether the track's foot point can be trusted now: it was observed in this frame or at most
     * {@code maxMissedSeconds} ago (not coasting on a prediction), and its box is not cut by the left,
     * right or bottom edge of the frame (a vehicle entering or leaving moves its box bottom, not
     * itself; a box cut at the top still has its true bottom).
     */
    public boolean footReliable(TrackSnapshot t, double maxMissedSeconds) {
        if (t.missedSeconds() > maxMissedSeconds) {
            return false;
        }
        var b = t.box();
        int w = view.scene().camera().width();
        int h = view.scene().camera().height();
        return b.x() > 2 && b.x() + b.w() < w - 2 && b.y() + b.h() < h - 2;
    }

    /** Whether a box is clear of all four edges of the frame: not cut, so its size and its place are whole. */
    public boolean uncut(org.skypatrol.analytics.detect.Box b) {
        int w = view.scene().camera().width();
        int h = view.scene().camera().height();
        return b.x() > 2 && b.y() > 2 && b.x() + b.w() < w - 2 && b.y() + b.h() < h - 2;
    }

    /**
     * How far the track's ground point may wander for the same object: fifteen pixels of foot-point jitter
     * along the image's vertical at the ground scale of its foot (far away one pixel spans metres).
     */
    public double groundUncertainty(TrackSnapshot t) {
        Vec2 foot = t.box().foot();
        var a = view.mapping().toGround(foot);
        var b = view.mapping().toGround(foot.plus(new Vec2(0, -1)));
        return a.isPresent() && b.isPresent() ? 15 * a.get().distance(b.get()) : 0;
    }

    /** Width (metres) of the track's footprint: its box's bottom edge on the ground, NaN if not on the ground. */
    public double groundWidth(TrackSnapshot t) {
        var b = t.box();
        var l = view.mapping().toGround(new Vec2(b.x(), b.y() + b.h()));
        var r = view.mapping().toGround(new Vec2(b.x() + b.w(), b.y() + b.h()));
        return l.isPresent() && r.isPresent() ? l.get().distance(r.get()) : Double.NaN;
    }

    /**
     * Share (0-1) of the track's footprint inside the zone: five points along the middle 60 % of its
     * box's bottom edge (the ground contact in oblique views; the box centre row in straight-down
     * views is not distinguished here), mapped to the ground. A blob of two vehicles in neighbouring
     * lanes, or a vehicle whose shadow widens its box, has only part of its footprint in either lane.
     */
    public double footprintInside(TrackSnapshot t, ResolvedZone z) {
        var b = t.box();
        int in = 0;
        int n = 0;
        for (int i = 0; i < 5; i++) {
            double x = b.x() + b.w() * (0.2 + 0.15 * i);
            var g = view.mapping().toGround(new Vec2(x, b.y() + b.h()));
            if (g.isPresent()) {
                n++;
                if (z.ground().contains(g.get())) {
                    in++;
                }
            }
        }
        return n == 0 ? 0 : (double) in / n;
    }

    /**
     * Share (0-1) of the analysed frames of the last {@code seconds} in which the track was observed;
     * the frame period is the shortest step of its history (the analysis rate). Real objects are seen
     * in nearly every frame; ghosts of the background model flicker.
     */
    public double observedFraction(TrackSnapshot t, double seconds) {
        List<TrackPoint> h = t.history();
        double period = Double.POSITIVE_INFINITY;
        for (int i = 1; i < h.size(); i++) {
            double dt = h.get(i).timeSeconds() - h.get(i - 1).timeSeconds();
            if (dt > 1e-6) {
                period = Math.min(period, dt);
            }
        }
        if (!Double.isFinite(period)) {
            return 0;
        }
        long seen = h.stream().filter(p -> p.timeSeconds() >= timeSeconds - seconds - 1e-6).count();
        return Math.min(1, seen / (Math.floor(seconds / period + 1e-6) + 1));
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
