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
 * it appeared) inside a running lane, motorway or emergency lane for {@code minSeconds} (3), seen in at
 * least {@code minObservedFraction} (0.7) of the analysed frames of that time with its box clear of the
 * frame's sides and bottom: debris lies there and is seen steadily, while the flickering remnants of
 * passing vehicles in the background model come and go.
 */
public final class RoadDebrisRule extends AbstractRule {

    public RoadDebrisRule(Map<String, Double> overrides) {
        super(Behaviour.ROAD_DEBRIS, Map.of("minSeconds", 3.0, "minObservedFraction", 0.7), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (TrackSnapshot t : ctx.tracksOf(c -> c == ObjectClass.STATIC_OBJECT)) {
            if (!t.neverMoved() || ctx.timeSeconds() - t.firstSeenSeconds() < p("minSeconds")
                    || !ctx.footReliable(t, 1.0) || ctx.observedFraction(t, p("minSeconds")) < p("minObservedFraction")) {
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
                        "static object on the road in " + where.id() + " for " + fmt(ctx.timeSeconds() - t.firstSeenSeconds()) + " s").withUncertainty(ctx.groundUncertainty(t)));
            }
        }
        return hits;
    }

    static boolean isRoad(ZoneKind k) {
        return k.isRunningLane() || k == ZoneKind.MOTORWAY || k == ZoneKind.EMERGENCY_LANE;
    }
}
