package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code loitering}: a person staying inside a {@code watch} or {@code restricted} zone for {@code minSeconds}
 * (60) who came there: the track was seen at least {@code minTravelMetres} (2) from where it was first seen
 * with at least {@code minChangingFraction} (0.05) of its blob changing ({@link TravelMemory}). A
 * person-shaped blob that appeared in the zone and never moved is its painted outline turned foreground by a
 * change of light, or someone already there when the stream began (whose stay cannot be timed).
 */
public final class LoiteringRule extends ZoneClassRule {

    private final TravelMemory cameIn = new TravelMemory();

    public LoiteringRule(Map<String, Double> overrides) {
        super(Behaviour.LOITERING, List.of(ZoneKind.WATCH, ZoneKind.RESTRICTED), c -> c == ObjectClass.PERSON,
                "loitering in", 60.0, Map.of("minTravelMetres", 2.0, "minChangingFraction", 0.05), overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        cameIn.observe(ctx, p("minTravelMetres"), p("minChangingFraction"));
        return super.evaluate(ctx);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        return cameIn.cameIn(t);
    }

    @Override
    public String severity() {
        return "low";
    }
}
