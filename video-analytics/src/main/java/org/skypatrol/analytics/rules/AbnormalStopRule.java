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
 * ({@code lane}, {@code bus_lane}, {@code no_trucks}, {@code motorway}) while traffic around it is
 * not congested: fewer than {@code congestedFraction} (0.5) of the other vehicles in the zone stand still.
 * A vehicle standing in an {@code emergency_lane} or {@code no_parking} zone is that zone's
 * behaviour, not a stop in a running lane (a motorway zone also covers its shoulders). Evidence of a
 * vehicle: its footprint at least {@code minWidthMetres} (1.2) wide, its box clear of the frame's sides
 * and bottom, seen in at least {@code minObservedFraction} (0.6) of the frames of the stop.
 */
public final class AbnormalStopRule extends AbstractRule {

    public AbnormalStopRule(Map<String, Double> overrides) {
        super(Behaviour.ABNORMAL_STOP, Map.of("stopSeconds", 20.0, "congestedFraction", 0.5, "minWidthMetres", 1.2,
                "minObservedFraction", 0.6), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        List<TrackSnapshot> vehicles = ctx.tracksOf(c -> c.isMotorVehicle());
        for (ResolvedZone z : ctx.view().zones()) {
            if (!z.kind().isRunningLane() && z.kind() != ZoneKind.MOTORWAY) {
                continue;
            }
            List<TrackSnapshot> inZone = vehicles.stream().filter(t -> RuleContext.inside(t, z)).toList();
            for (TrackSnapshot t : inZone) {
                double still = t.stationarySeconds(ctx.timeSeconds());
                if (still < p("stopSeconds") || inOtherKind(ctx, t) || !ctx.footReliable(t, 1.0)
                        || !(ctx.groundWidth(t) >= p("minWidthMetres"))
                        || ctx.observedFraction(t, p("stopSeconds")) < p("minObservedFraction")) {
                    continue;
                }
                long others = inZone.size() - 1;
                long othersStill = inZone.stream().filter(o -> o.id() != t.id() && o.stationary()).count();
                if (others == 0 || othersStill < p("congestedFraction") * others) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " stopped " + fmt(still) + " s in running lane " + z.id()).withUncertainty(ctx.groundUncertainty(t)));
                }
            }
        }
        return hits;
    }

    private static boolean inOtherKind(RuleContext ctx, TrackSnapshot t) {
        return ctx.view().zones().stream().anyMatch(z -> (z.kind() == ZoneKind.EMERGENCY_LANE
                || z.kind() == ZoneKind.NO_PARKING) && RuleContext.inside(t, z));
    }
}
