package org.skypatrol.analytics.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code truck_lane_violation}: a large vehicle (truck, bus) in a {@code no_trucks} lane for {@code minSeconds} (2),
 * its footprint at least {@code minWidthMetres} (1.2) wide, and taken for a large vehicle (its track's class
 * votes) for those {@code minSeconds} too, continuously: a van driving towards an oblique camera merges with
 * its shadow into a truck-sized blob in its last second in view and its class flips from car to truck there,
 * after it had been in the lane for seconds. The rule remembers since when each live track has been large.
 */
public final class TruckLaneViolationRule extends ZoneClassRule {

    /** Track id -> frame time since which the track has been classed large, continuously. */
    private final Map<Integer, Double> largeSince = new HashMap<>();

    public TruckLaneViolationRule(Map<String, Double> overrides) {
        super(Behaviour.TRUCK_LANE_VIOLATION, List.of(ZoneKind.NO_TRUCKS), ObjectClass::isLarge,
                "in no-trucks lane", 2.0, Map.of("minWidthMetres", 1.2), overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        Map<Integer, Double> now = new HashMap<>();
        for (TrackSnapshot t : ctx.tracks()) {
            if (t.cls().isLarge()) {
                now.put(t.id(), largeSince.getOrDefault(t.id(), ctx.timeSeconds()));
            }
        }
        largeSince.clear();
        largeSince.putAll(now);
        return super.evaluate(ctx);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        Double since = largeSince.get(t.id());
        return since != null && ctx.timeSeconds() - since >= p("minSeconds") - 1e-9;
    }
}
