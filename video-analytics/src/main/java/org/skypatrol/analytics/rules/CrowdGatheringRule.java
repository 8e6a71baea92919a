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
 * {@code crowd_gathering}: at least {@code minPeople} (10) people within {@code radiusMetres} (8) of
 * one of them, or inside one {@code watch}/{@code restricted}/{@code intersection} zone, sustained
 * {@code sustainSeconds} (5). One alert per zone, and one scene-wide alert for radius clusters.
 */
public final class CrowdGatheringRule extends AbstractRule {

    public CrowdGatheringRule(Map<String, Double> overrides) {
        super(Behaviour.CROWD_GATHERING, Map.of("minPeople", 10.0, "radiusMetres", 8.0, "sustainSeconds", 5.0,
                "endAfterSeconds", 4.0), overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        List<TrackSnapshot> people = ctx.tracksOf(c -> c == ObjectClass.PERSON);
        for (ResolvedZone z : ctx.view().zones()) {
            if (z.kind() != ZoneKind.WATCH && z.kind() != ZoneKind.RESTRICTED && z.kind() != ZoneKind.INTERSECTION) {
                continue;
            }
            List<TrackSnapshot> in = people.stream().filter(t -> RuleContext.inside(t, z)).toList();
            if (in.size() >= p("minPeople")) {
                hits.add(new RuleHit(z.id(), z.id(), in.stream().map(TrackSnapshot::id).toList(), z.ground().centroid(),
                        in.size() + " people gathered in " + z.id()));
            }
        }
        List<TrackSnapshot> best = List.of();
        for (TrackSnapshot c : people) {
            List<TrackSnapshot> near = people.stream()
                    .filter(o -> o.ground().distance(c.ground()) <= p("radiusMetres")).toList();
            if (near.size() > best.size()) {
                best = near;
            }
        }
        if (best.size() >= p("minPeople")) {
            var centre = best.stream().map(TrackSnapshot::ground).reduce((a, b) -> a.plus(b)).orElseThrow()
                    .times(1.0 / best.size());
            hits.add(new RuleHit("radius", null, best.stream().map(TrackSnapshot::id).toList(), centre,
                    best.size() + " people within " + fmt(p("radiusMetres")) + " m"));
        }
        return hits;
    }
}
