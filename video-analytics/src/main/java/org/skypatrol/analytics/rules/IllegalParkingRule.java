package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code illegal_parking}: a motor vehicle that arrived moving and has stood inside a {@code no_parking}
 * zone longer than {@code dwellSeconds} (60). A blob that never moved is not a vehicle that parked
 * (what was parked before the video started is background to the classical detector).
 */
public final class IllegalParkingRule extends AbstractRule {

    public IllegalParkingRule(Map<String, Double> overrides) {
        super(Behaviour.ILLEGAL_PARKING, Map.of("dwellSeconds", 60.0), overrides);
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
                if (RuleContext.inside(t, z) && still >= p("dwellSeconds") && !t.neverMoved()) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " stationary " + fmt(still) + " s in no-parking zone " + z.id()));
                }
            }
        }
        return hits;
    }
}
