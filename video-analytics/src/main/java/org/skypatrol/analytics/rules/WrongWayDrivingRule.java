package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code wrong_way_driving}: a vehicle inside a zone with a direction of travel whose displacement
 * over the last {@code windowSeconds} (4) runs against that direction by at least
 * {@code minDistanceMetres} (8), moving at least {@code minSpeedMps} (1.5), steadily: at least 70 % of
 * the steps against the lane and no single step over 40 % of the distance (identity jumps are not
 * wrong-way drivers); positions of boxes cut by the frame edge are ignored (an object entering the
 * frame moves its box bottom, not itself). Evidence for the lane: at least {@code minInsideFraction}
 * (0.8) of the window's positions lie in the zone (a track that switched from a vehicle in the
 * opposite lane to one in this lane carries the other vehicle's history), and the filtered velocity
 * now points against the lane (within 60° of the reverse direction); the window is observed without
 * a gap over {@code maxGapSeconds} (0.6). A track younger than the window is judged on what it has,
 * once observed for {@code minObservedSeconds} (2): the distance is the evidence, and waiting for a
 * whole window delays the alert by the window (a car at 15 m/s covers 15 m in 1 s and 60 m in 4 s,
 * which left the start 2.5 s after the truth on the library and beyond the 3 s on other renders).
 */
public final class WrongWayDrivingRule extends AbstractRule {

    public WrongWayDrivingRule(Map<String, Double> overrides) {
        super(Behaviour.WRONG_WAY_DRIVING,
                Map.of("windowSeconds", 4.0, "minDistanceMetres", 8.0, "minSpeedMps", 1.5, "minInsideFraction", 0.8,
                        "maxGapSeconds", 0.6, "minObservedSeconds", 2.0),
                overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (ResolvedZone z : ctx.view().zones()) {
            if (z.directionDeg() == null) {
                continue;
            }
            Vec2 dir = Vec2.ofBearing(z.directionDeg());
            for (TrackSnapshot t : ctx.tracksOf(c -> c.isVehicle())) {
                if (!RuleContext.inside(t, z) || t.speedMps() < p("minSpeedMps")) {
                    continue;
                }
                if (ctx.timeSeconds() - t.firstSeenSeconds() < p("minObservedSeconds")) {
                    continue;                           // too young to judge a direction
                }
                var window = t.since(ctx.timeSeconds() - p("windowSeconds"));
                var pts = window.stream().filter(q -> ctx.uncut(q.box())).toList();
                if (pts.size() < 4 || !ctx.uncut(t.box()) || !RuleContext.continuous(window, p("maxGapSeconds"))) {
                    continue;                           // objects cut by the frame edge move their foot point
                }
                Vec2 d = pts.get(pts.size() - 1).ground().minus(pts.get(0).ground());
                double against = -(d.x() * dir.x() + d.y() * dir.y());
                long inZone = pts.stream().filter(q -> z.ground().contains(q.ground())).count();
                Vec2 v = t.velocity();
                boolean headingAgainst = -(v.x() * dir.x() + v.y() * dir.y()) >= 0.5 * v.length();
                if (against >= p("minDistanceMetres") && consistent(pts, dir, against) && headingAgainst
                        && inZone >= p("minInsideFraction") * pts.size()) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " moved " + fmt(against) + " m against lane " + z.id() + " (heading "
                                    + fmt(t.headingDeg()) + "°, lane " + fmt(z.directionDeg()) + "°)"));
                }
            }
        }
        return hits;
    }

    /**
     * Real wrong-way motion is steady: most steps run against the lane and no single step carries
     * most of the distance (a track that jumps to another vehicle does exactly that).
     */
    private static boolean consistent(java.util.List<org.skypatrol.analytics.track.TrackPoint> pts, Vec2 dir, double total) {
        int against = 0;
        double biggest = 0;
        for (int i = 1; i < pts.size(); i++) {
            Vec2 step = pts.get(i).ground().minus(pts.get(i - 1).ground());
            double along = -(step.x() * dir.x() + step.y() * dir.y());
            if (along > 0) {
                against++;
            }
            biggest = Math.max(biggest, along);
        }
        return against >= 0.7 * (pts.size() - 1) && biggest <= 0.4 * total;
    }
}
