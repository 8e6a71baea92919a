package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code speeding}: a vehicle inside a zone with {@code speedLimitKph}, faster than the limit plus
 * {@code toleranceKph} (10) for {@code sustainSeconds} (1.5), by its filtered speed and by its measured
 * ground speed over the last {@code speedWindowSeconds} (1; boxes cut by the frame left out): a young
 * track's filter has not converged yet (a car entering a drone's view started at 30 m/s for 50 km/h).
 */
public final class SpeedingRule extends AbstractRule {

    public SpeedingRule(Map<String, Double> overrides) {
        super(Behaviour.SPEEDING, Map.of("toleranceKph", 10.0, "sustainSeconds", 1.5, "speedWindowSeconds", 1.0), overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (ResolvedZone z : ctx.view().zones()) {
            Double limit = z.zone().speedLimitKph();
            if (limit == null) {
                continue;
            }
            for (TrackSnapshot t : ctx.tracksOf(c -> c.isVehicle())) {
                double over = limit + p("toleranceKph");
                if (RuleContext.inside(t, z) && t.missedSeconds() == 0 && t.speedKph() > over
                        && Motion.windowSpeed(t, ctx, p("speedWindowSeconds")) * 3.6 > over) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " at " + fmt(t.speedKph()) + " km/h, limit " + fmt(limit) + " in " + z.id()));
                }
            }
        }
        return hits;
    }
}
