package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * Shared shape of the "an object of class C inside a zone of kind K for {@code minSeconds}" rules
 * (bus lane, truck lane, pedestrians and non-motor vehicles on the motorway, intrusion); each
 * behaviour is still its own class, naming its kinds, classes and defaults. Evidence: at least
 * {@code minFootprintFraction} (0.5) of the object's footprint (its box's bottom edge on the ground)
 * inside now, and its foot point reliable (observed within {@code maxMissedSeconds} 0.5, box not cut
 * by the frame's sides or bottom), so coasting predictions and half-visible objects start nothing;
 * vehicle behaviours also ask a footprint at least {@code minWidthMetres} wide (0 = any).
 */
abstract class ZoneClassRule extends AbstractRule {

    private final List<ZoneKind> kinds;
    private final Predicate<ObjectClass> classes;
    private final String what;

    ZoneClassRule(Behaviour b, List<ZoneKind> kinds, Predicate<ObjectClass> classes, String what,
                  double minSeconds, Map<String, Double> overrides) {
        this(b, kinds, classes, what, minSeconds, Map.of(), overrides);
    }

    /** With further documented defaults of the behaviour ({@code extra}) beside {@code minSeconds}. */
    ZoneClassRule(Behaviour b, List<ZoneKind> kinds, Predicate<ObjectClass> classes, String what,
                  double minSeconds, Map<String, Double> extra, Map<String, Double> overrides) {
        super(b, withMinSeconds(extra, minSeconds), overrides);
        this.kinds = List.copyOf(kinds);
        this.classes = classes;
        this.what = what;
    }

    private static Map<String, Double> withMinSeconds(Map<String, Double> extra, double minSeconds) {
        Map<String, Double> all = new java.util.HashMap<>(extra);
        all.put("minSeconds", minSeconds);
        all.putIfAbsent("minFootprintFraction", 0.5);
        all.putIfAbsent("maxMissedSeconds", 0.5);
        all.putIfAbsent("minWidthMetres", 0.0);
        return all;
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (ResolvedZone z : ctx.view().zones()) {
            if (!kinds.contains(z.kind()) || !ctx.active(z)) {
                continue;
            }
            for (TrackSnapshot t : ctx.tracksOf(classes)) {
                double in = ctx.secondsInside(t, z);
                if (RuleContext.inside(t, z) && in >= p("minSeconds") && ctx.footReliable(t, p("maxMissedSeconds"))
                        && ctx.footprintInside(t, z) >= p("minFootprintFraction")
                        && !(ctx.groundWidth(t) < p("minWidthMetres")) && qualifies(t, z, ctx)) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            what(t) + " " + what + " " + z.id() + " for " + fmt(in) + " s")
                            .withUncertainty(ctx.groundUncertainty(t)));
                }
            }
        }
        return hits;
    }

    /** How the alert names the object: its class by default. */
    protected String what(TrackSnapshot t) {
        return t.cls().id();
    }

    /** Further evidence a behaviour asks of a track beyond class, zone and time (none by default). */
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        return true;
    }
}
