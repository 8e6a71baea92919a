package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code road_debris}: a new static non-vehicle object (class {@code static_object}, never moved since
 * it appeared) inside a running lane, motorway or emergency lane for {@code minSeconds} (3).
 */
public final class RoadDebrisRule extends AbstractRule {

    public RoadDebrisRule(Map<String, Double> overrides) {
        super(Behaviour.ROAD_DEBRIS, Map.of("minSeconds", 3.0), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (TrackSnapshot t : ctx.tracksOf(c -> c == ObjectClass.STATIC_OBJECT)) {
            if (!t.neverMoved() || ctx.timeSeconds() - t.firstSeenSeconds() < p("minSeconds")) {
                continue;
            }
            // one alert per object: a lane lies inside the motorway zone, and the lane is the better answer
            ResolvedZone where = null;
            for (ResolvedZone z : ctx.view().zones()) {
                if (isRoad(z.kind()) && RuleContext.inside(t, z)
                        && (where == null || where.kind() == ZoneKind.MOTORWAY)) {
                    where = z;
                }
            }
            if (where != null) {
                hits.add(new RuleHit(String.valueOf(t.id()), where.id(), List.of(t.id()), t.ground(),
                        "static object on the road in " + where.id() + " for " + fmt(ctx.timeSeconds() - t.firstSeenSeconds()) + " s"));
            }
        }
        return hits;
    }

    static boolean isRoad(ZoneKind k) {
        return k.isRunningLane() || k == ZoneKind.MOTORWAY || k == ZoneKind.EMERGENCY_LANE;
    }
}
