package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * How a track has moved, from its history (metres, seconds), for rules that tell a walker or a rider
 * from a static artefact or from a fragment of a fast vehicle.
 */
final class Motion {

    private Motion() {
    }

    /** The median of a value over observations, those without it (NaN) left out; {@code whenNone} if none has it. */
    static double median(List<TrackPoint> points, ToDoubleFunction<TrackPoint> value, double whenNone) {
        double[] v = points.stream().mapToDouble(value).filter(x -> !Double.isNaN(x)).sorted().toArray();
        return v.length == 0 ? whenNone : v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    /** Farthest the track has been from where it was first seen (filtered positions), metres. */
    static double travelledMetres(TrackSnapshot t) {
        List<TrackPoint> h = t.history();
        if (h.isEmpty()) {
            return 0;
        }
        double far = 0;
        for (TrackPoint p : h) {
            far = Math.max(far, p.ground().distance(h.get(0).ground()));
        }
        return Math.max(far, t.ground().distance(h.get(0).ground()));
    }

    /**
     * Ground speed over the last {@code seconds}: distance between the oldest measured position in the
     * window and the newest, over the time between them (the filter's velocity starts at zero and lags
     * for a second or two; over two seconds the measurement noise averages out). Observations whose
     * box touches the frame's edge are left out: an object entering the view shows no foot, and its
     * ground point creeps while the box grows. NaN until the usable observations span at least three
     * quarters of the window: too early to tell a walker from a rider.
     */
    static double windowSpeed(TrackSnapshot t, RuleContext ctx, double seconds) {
        int width = ctx.view().scene().camera().width();
        int height = ctx.view().scene().camera().height();
        List<TrackPoint> w = t.since(ctx.timeSeconds() - seconds).stream()
                .filter(p -> !touchesEdge(p.box(), width, height)).toList();
        if (w.size() < 2) {
            return Double.NaN;
        }
        TrackPoint a = w.get(0);
        TrackPoint b = w.get(w.size() - 1);
        double dt = b.timeSeconds() - a.timeSeconds();
        return dt < 0.75 * seconds ? Double.NaN : b.measured().distance(a.measured()) / dt;
    }

    /** Unit vector along a lane zone: its direction of travel, else its ground polygon's longest edge. */
    static Vec2 laneAxis(ResolvedZone z) {
        if (z.directionDeg() != null) {
            return Vec2.ofBearing(z.directionDeg());
        }
        List<Vec2> pts = z.ground().points();
        Vec2 best = new Vec2(0, 1);
        double longest = -1;
        for (int i = 0; i < pts.size(); i++) {
            Vec2 e = pts.get((i + 1) % pts.size()).minus(pts.get(i));
            if (e.length() > longest) {
                longest = e.length();
                best = e.times(1 / Math.max(1e-9, e.length()));
            }
        }
        return best;
    }

    private static boolean touchesEdge(Box b, int width, int height) {
        return b.x() <= 1 || b.y() <= 1 || b.x() + b.w() >= width - 1 || b.y() + b.h() >= height - 1;
    }

    /**
     * Whether the track's latest observation (its measured ground position, not the filter's) lies in
     * the zone: a track that coasted on a wrong velocity and then took a detection far away has a
     * filtered position that belongs to neither.
     */
    static boolean seenInside(TrackSnapshot t, ResolvedZone z) {
        List<TrackPoint> h = t.history();
        return !h.isEmpty() && z.ground().contains(h.get(h.size() - 1).measured());
    }

    /**
     * Whether the track was seen in this frame with a box at least {@code minPixels} on its shorter
     * side: a blob narrower than that cannot be told from a painted line's flicker or a sliver of a
     * vehicle, too little to raise a high-severity alert on.
     */
    static boolean seenLargeEnough(TrackSnapshot t, double minPixels) {
        return t.missedSeconds() == 0 && Math.min(t.box().w(), t.box().h()) >= minPixels;
    }

    /**
     * Whether the track was observed in at least {@code minFraction} of the analysed frames of the last
     * {@code seconds} (or of its life, if shorter): a track that coasted and then took a detection far
     * away, or the flicker of a background ghost, is not seen steadily.
     */
    static boolean seenSteadily(TrackSnapshot t, RuleContext ctx, double seconds, double minFraction) {
        double span = Math.min(seconds, ctx.timeSeconds() - t.firstSeenSeconds());
        return span <= 0 || ctx.observedFraction(t, span) >= minFraction;
    }

    /**
     * Whether the track went across the zone's direction of travel rather than along it over the last
     * {@code seconds}: its filtered ground displacement is at least {@code minMetres} and more across the
     * lane than along it (more than 45° off). A vehicle moves along its heading, and one pulling onto a
     * shoulder or changing lanes still runs nearly parallel to the lane; what walks straight across it is
     * a person (or a blob that is none of the lane's traffic). The lane runs along its direction of travel,
     * or, without one, along its polygon's longest edge (a lane is long and narrow). False when the track
     * barely moved (a stopped vehicle).
     */
    static boolean acrossLane(TrackSnapshot t, ResolvedZone z, double now, double seconds, double minMetres) {
        List<TrackPoint> w = t.since(now - seconds);
        if (w.size() < 2) {
            return false;
        }
        Vec2 d = w.get(w.size() - 1).ground().minus(w.get(0).ground());
        if (d.length() < minMetres) {
            return false;
        }
        Vec2 u = laneAxis(z);
        double along = Math.abs(d.x() * u.x() + d.y() * u.y());
        double across = Math.abs(d.x() * u.y() - d.y() * u.x());
        return across > along;
    }

    /**
     * The first observation of {@code h} at least {@code span} seconds from {@code h[i]} in direction
     * {@code dir} (-1 earlier, +1 later), when it is at most {@code maxSpan} away (frames missed around it
     * only lengthen the span); null if there is none. Speeds before and after an observation measured over
     * such spans give a deceleration that one frame's foot jitter cannot fake.
     */
    static TrackPoint spanEnd(List<TrackPoint> h, int i, int dir, double span, double maxSpan) {
        double t0 = h.get(i).timeSeconds();
        for (int j = i + dir; j >= 0 && j < h.size(); j += dir) {
            double d = Math.abs(h.get(j).timeSeconds() - t0);
            if (d >= span - 1e-6) {
                return d <= maxSpan + 1e-6 ? h.get(j) : null;
            }
        }
        return null;
    }
}
