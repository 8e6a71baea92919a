package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code emergency_lane_occupation}: a motor vehicle, driving or stopped, inside an {@code emergency_lane}
 * for {@code minSeconds} (2), with at least {@code minFootprintFraction} (0.5) of its footprint inside
 * now, its foot point reliable (observed within {@code maxMissedSeconds} 0.5, box not cut by the
 * frame's sides or bottom) and its footprint at least {@code minWidthMetres} (1.2) wide: a vehicle
 * hugging the edge line, or whose shadow widens its box, is not in; a sliver of something is no vehicle.
 * A track that went across the lane rather than along it over those {@code minSeconds} (at least
 * {@code minCrossMetres} 1 of ground, more than 45° off the lane's direction) is no vehicle using the lane:
 * a walker crossing the shoulder, 1.1-1.3 m wide with its shadow, was voted a car.
 */
public final class EmergencyLaneOccupationRule extends AbstractRule {

    public EmergencyLaneOccupationRule(Map<String, Double> overrides) {
        super(Behaviour.EMERGENCY_LANE_OCCUPATION, Map.of("minSeconds", 2.0, "minFootprintFraction", 0.5,
                "maxMissedSeconds", 0.5, "minWidthMetres", 1.2, "minCrossMetres", 1.0), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (ResolvedZone z : ctx.view().zonesOf(ZoneKind.EMERGENCY_LANE)) {
            for (TrackSnapshot t : ctx.tracksOf(c -> c.isMotorVehicle())) {
                double in = ctx.secondsInside(t, z);
                if (RuleContext.inside(t, z) && in >= p("minSeconds") && ctx.footReliable(t, p("maxMissedSeconds"))
                        && ctx.footprintInside(t, z) >= p("minFootprintFraction")
                        && ctx.groundWidth(t) >= p("minWidthMetres")
                        && !Motion.acrossLane(t, z, ctx.timeSeconds(), p("minSeconds"), p("minCrossMetres"))) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " in emergency lane " + z.id() + " for " + fmt(in) + " s at "
                                    + fmt(t.speedKph()) + " km/h").withUncertainty(ctx.groundUncertainty(t)));
                }
            }
        }
        return hits;
    }
}
