package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code abandoned_object}: a static object (never moved) present for {@code dwellSeconds} (30) with
 * no person within {@code ownerRadiusMetres} (3), no taller (oblique views) or longer (straight down) than
 * {@code maxSizeMetres} (1.6). Objects on the road are {@code road_debris} instead.
 */
public final class AbandonedObjectRule extends AbstractRule {

    public AbandonedObjectRule(Map<String, Double> overrides) {
        super(Behaviour.ABANDONED_OBJECT, Map.of("dwellSeconds", 30.0, "ownerRadiusMetres", 3.0, "maxSizeMetres", 1.6),
                overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        List<TrackSnapshot> people = ctx.tracksOf(c -> c == ObjectClass.PERSON);
        List<TrackSnapshot> objects = ctx.tracksOf(c -> c == ObjectClass.STATIC_OBJECT);
        for (TrackSnapshot t : objects) {
            if (isPartOfAnother(t, objects)) {
                continue;
            }
            double age = ctx.timeSeconds() - t.firstSeenSeconds();
            boolean onRoad = ctx.view().zones().stream()
                    .anyMatch(z -> RoadDebrisRule.isRoad(z.kind()) && RuleContext.inside(t, z));
            boolean attended = people.stream().anyMatch(p -> p.ground().distance(t.ground()) < p("ownerRadiusMetres"));
            if (t.neverMoved() && !onRoad && !attended && age >= p("dwellSeconds") && !upright(t, ctx)) {
                hits.add(new RuleHit(String.valueOf(t.id()), null, List.of(t.id()), t.ground(),
                        "object left unattended for " + fmt(age) + " s"));
            }
        }
        return hits;
    }

    /**
     * Whether the object's box lies mostly inside the box of a bigger static object: the detector can
     * split one still object into a blob and a piece of it (its top, its shadow), each tracked, and
     * one left bag is one alert. (Ground positions cannot tell: a piece's foot projects metres away.)
     */
    private static boolean isPartOfAnother(TrackSnapshot t, List<TrackSnapshot> objects) {
        for (TrackSnapshot o : objects) {
            if (o.id() != t.id() && o.box().area() > t.box().area() && t.box().coveredBy(o.box()) >= 0.5) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the object is taller (oblique view) or its box projects longer on the ground (a view
     * steeper than ~40°, where the classifier measures footprints) than {@code maxSizeMetres} (1.6): the
     * detector calls every newly still small blob an object, and a person standing still is one; a
     * left bag or case is under a metre even with its shadow. Straight down, a standing person's
     * footprint is as small as a bag's: this cannot tell them apart.
     */
    private boolean upright(TrackSnapshot t, RuleContext ctx) {
        return SizeClassifier.measure(t.box(), ctx.view().mapping())
                .map(s -> (s.nadir() ? s.longest() : s.lengthMetres()) > p("maxSizeMetres")).orElse(false);
    }
}
