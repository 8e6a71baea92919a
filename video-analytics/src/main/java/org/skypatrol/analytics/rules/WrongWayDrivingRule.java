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
 * {@code minDistanceMetres} (8), moving at least {@code minSpeedMps} (1.5).
 */
public final class WrongWayDrivingRule extends AbstractRule {

    public WrongWayDrivingRule(Map<String, Double> overrides) {
        super(Behaviour.WRONG_WAY_DRIVING,
                Map.of("windowSeconds", 4.0, "minDistanceMetres", 8.0, "minSpeedMps", 1.5), overrides);
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
                Vec2 d = t.ground().minus(t.at(ctx.timeSeconds() - p("windowSeconds")).ground());
                double against = -(d.x() * dir.x() + d.y() * dir.y());
                if (against >= p("minDistanceMetres")) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " moved " + fmt(against) + " m against lane " + z.id() + " (heading "
                                    + fmt(t.headingDeg()) + "°, lane " + fmt(z.directionDeg()) + "°)"));
                }
            }
        }
        return hits;
    }
}
