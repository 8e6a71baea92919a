package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/** {@code emergency_lane_occupation}: a motor vehicle, driving or stopped, inside an {@code emergency_lane} for {@code minSeconds} (2). */
public final class EmergencyLaneOccupationRule extends AbstractRule {

    public EmergencyLaneOccupationRule(Map<String, Double> overrides) {
        super(Behaviour.EMERGENCY_LANE_OCCUPATION, Map.of("minSeconds", 2.0), overrides);
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
                if (RuleContext.inside(t, z) && in >= p("minSeconds")) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " in emergency lane " + z.id() + " for " + fmt(in) + " s at "
                                    + fmt(t.speedKph()) + " km/h"));
                }
            }
        }
        return hits;
    }
}
