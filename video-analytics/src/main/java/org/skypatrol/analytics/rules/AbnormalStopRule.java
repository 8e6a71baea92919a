package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code abnormal_stop}: a motor vehicle stationary for {@code stopSeconds} (20) in a running lane
 * ({@code lane}, {@code bus_lane}, {@code no_trucks}, {@code motorway}; one alert per vehicle, in the
 * lane rather than the motorway around it) while traffic around it is not congested: fewer than
 * {@code congestedFraction} (0.5) of the other vehicles in that zone within {@code queueMetres} (40)
 * stand still or creep under {@code slowKph} (15) (a car stopping in a creeping queue is the queue).
 * A vehicle standing in an {@code emergency_lane} or {@code no_parking} zone is that zone's
 * behaviour, not a stop in a running lane (a motorway zone also covers its shoulders). Evidence of a
 * vehicle: its footprint at least {@code minWidthMetres} (1.2) wide, its box clear of the frame's sides
 * and bottom, seen in at least {@code minObservedFraction} (0.6) of the frames of the stop, and it
 * arrived moving: a still blob that never moved (a sliver of a vehicle's colours left in the background
 * model far up the road, a box on the road) did not stop there.
 */
public final class AbnormalStopRule extends AbstractRule {

    public AbnormalStopRule(Map<String, Double> overrides) {
        super(Behaviour.ABNORMAL_STOP, Map.of("stopSeconds", 20.0, "congestedFraction", 0.5, "minWidthMetres", 1.2,
                "minObservedFraction", 0.6, "queueMetres", 40.0, "slowKph", 15.0), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        List<TrackSnapshot> vehicles = ctx.tracksOf(c -> c.isMotorVehicle());
        for (TrackSnapshot t : vehicles) {
            double still = t.stationarySeconds(ctx.timeSeconds());
            if (still < p("stopSeconds") || t.neverMoved() || inOtherKind(ctx, t) || !ctx.footReliable(t, 1.0)
                    || !(ctx.groundWidth(t) >= p("minWidthMetres"))
                    || ctx.observedFraction(t, p("stopSeconds")) < p("minObservedFraction")) {
                continue;
            }
            ResolvedZone z = laneOf(ctx, t);
            if (z == null) {
                continue;
            }
            List<TrackSnapshot> others = ctx.tracksOf(c -> c.isVehicle()).stream()
                    .filter(o -> o.id() != t.id() && RuleContext.inside(o, z)
                            && o.ground().distance(t.ground()) <= p("queueMetres"))
                    .toList();
            long slow = others.stream().filter(o -> o.stationary() || o.speedKph() < p("slowKph")).count();
            if (others.isEmpty() || slow < p("congestedFraction") * others.size()) {
                hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                        t.cls().id() + " stopped " + fmt(still) + " s in running lane " + z.id())
                        .withUncertainty(ctx.groundUncertainty(t)));
            }
        }
        return hits;
    }

    /** The most specific running zone the vehicle stands in: a lane before the motorway around it; null if none. */
    private static ResolvedZone laneOf(RuleContext ctx, TrackSnapshot t) {
        ResolvedZone where = null;
        for (ResolvedZone z : ctx.view().zones()) {
            if ((z.kind().isRunningLane() || z.kind() == ZoneKind.MOTORWAY) && RuleContext.inside(t, z)
                    && (where == null || where.kind() == ZoneKind.MOTORWAY)) {
                where = z;
            }
        }
        return where;
    }

    private static boolean inOtherKind(RuleContext ctx, TrackSnapshot t) {
        return ctx.view().zones().stream().anyMatch(z -> (z.kind() == ZoneKind.EMERGENCY_LANE
                || z.kind() == ZoneKind.NO_PARKING) && RuleContext.inside(t, z));
    }
}
