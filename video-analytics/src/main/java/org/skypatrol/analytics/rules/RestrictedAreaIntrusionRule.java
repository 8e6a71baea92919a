package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code restricted_area_intrusion}: a person or vehicle inside a {@code restricted} zone (during its hours)
 * for {@code minSeconds} (0.5), seen steadily: over the last {@code seenSeconds} (1.5) its observations are
 * never more than {@code maxGapSeconds} (0.6) apart. A track that was lost and re-attached a second later
 * metres away (a jogger's track jumping onto a zone's painted outline, where the brightness-following
 * background flickers) is no evidence that anyone walked in.
 */
public final class RestrictedAreaIntrusionRule extends ZoneClassRule {

    public RestrictedAreaIntrusionRule(Map<String, Double> overrides) {
        super(Behaviour.RESTRICTED_AREA_INTRUSION, List.of(ZoneKind.RESTRICTED),
                c -> c == ObjectClass.PERSON || c.isVehicle(), "inside restricted zone", 0.5,
                Map.of("seenSeconds", 1.5, "maxGapSeconds", 0.6), overrides);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        var recent = t.since(ctx.timeSeconds() - p("seenSeconds"));
        return recent.size() >= 2 && RuleContext.continuous(recent, p("maxGapSeconds"));
    }

    @Override
    public String severity() {
        return "high";
    }
}
