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
 * Only a vehicle that arrived moving stops (a blob that never moved is left-over background, not a
 * stop), and a vehicle standing in an {@code emergency_lane} or {@code no_parking} zone is that zone's
 * behaviour, not a stop in a running lane (a motorway zone also covers its shoulders).
 */
public final class AbnormalStopRule extends AbstractRule {

    public AbnormalStopRule(Map<String, Double> overrides) {
        super(Behaviour.ABNORMAL_STOP, Map.of("stopSeconds", 20.0, "congestedFraction", 0.5), overrides);
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
                if (still < p("stopSeconds") || t.neverMoved() || inOtherKind(ctx, t)) {
                    continue;
                }
                long others = inZone.size() - 1;
                long othersStill = inZone.stream().filter(o -> o.id() != t.id() && o.stationary()).count();
                if (others == 0 || othersStill < p("congestedFraction") * others) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " stopped " + fmt(still) + " s in running lane " + z.id()));
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
