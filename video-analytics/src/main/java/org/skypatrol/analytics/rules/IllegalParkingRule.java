package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code illegal_parking}: a motor vehicle that has stood inside a {@code no_parking} zone longer than
 * {@code dwellSeconds} (60), its footprint at least {@code minWidthMetres} (1.2) wide (a piece of a
 * vehicle or a shadow is not).
 */
public final class IllegalParkingRule extends AbstractRule {

    public IllegalParkingRule(Map<String, Double> overrides) {
        super(Behaviour.ILLEGAL_PARKING, Map.of("dwellSeconds", 60.0, "minWidthMetres", 1.2), overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (ResolvedZone z : ctx.view().zonesOf(ZoneKind.NO_PARKING)) {
            if (!ctx.active(z)) {
                continue;
            }
            for (TrackSnapshot t : ctx.tracksOf(c -> c.isMotorVehicle())) {
                double still = t.stationarySeconds(ctx.timeSeconds());
                if (RuleContext.inside(t, z) && still >= p("dwellSeconds")
                        && ctx.groundWidth(t) >= p("minWidthMetres")) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " stationary " + fmt(still) + " s in no-parking zone " + z.id()).withUncertainty(ctx.groundUncertainty(t)));
                }
            }
        }
        return hits;
    }
}
