package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code abandoned_object}: a static object (never moved) present for {@code dwellSeconds} (30) with
 * no person within {@code ownerRadiusMetres} (3). Objects on the road are {@code road_debris} instead.
 */
public final class AbandonedObjectRule extends AbstractRule {

    public AbandonedObjectRule(Map<String, Double> overrides) {
        super(Behaviour.ABANDONED_OBJECT, Map.of("dwellSeconds", 30.0, "ownerRadiusMetres", 3.0), overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        List<TrackSnapshot> people = ctx.tracksOf(c -> c == ObjectClass.PERSON);
        for (TrackSnapshot t : ctx.tracksOf(c -> c == ObjectClass.STATIC_OBJECT)) {
            double age = ctx.timeSeconds() - t.firstSeenSeconds();
            boolean onRoad = ctx.view().zones().stream()
                    .anyMatch(z -> RoadDebrisRule.isRoad(z.kind()) && RuleContext.inside(t, z));
            boolean attended = people.stream().anyMatch(p -> p.ground().distance(t.ground()) < p("ownerRadiusMetres"));
            if (t.neverMoved() && !onRoad && !attended && age >= p("dwellSeconds")) {
                hits.add(new RuleHit(String.valueOf(t.id()), null, List.of(t.id()), t.ground(),
                        "object left unattended for " + fmt(age) + " s"));
            }
        }
        return hits;
    }
}
