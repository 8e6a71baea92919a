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
 * for {@code minSeconds} (0.5) that came in and is seen steadily. Came in: the track was seen at least
 * {@code minTravelMetres} (2) from where it was first seen with at least {@code minChangingFraction} (0.05)
 * of its blob changing ({@link TravelMemory}); a blob that appears inside the zone and stays put is the
 * zone's painted outline or fence turned foreground by a change of light (a still, car-sized patch voted
 * car), or something there before the stream began. Seen steadily: throughout the last
 * {@code seenSeconds} (1.5) its observations are never more than {@code maxGapSeconds} (0.6) apart (so the
 * track is at least that old) and cover at least {@code minObservedFraction} (0.6) of the analysed frames.
 * A track that was lost and re-attached a second later metres away (a jogger's track jumping onto a
 * zone's painted outline, where the brightness-following background flickers), or one hopping between
 * slivers of the outline that flicker up for a frame or two, is no evidence that anyone walked in.
 */
public final class RestrictedAreaIntrusionRule extends ZoneClassRule {

    private final TravelMemory cameIn = new TravelMemory();

    public RestrictedAreaIntrusionRule(Map<String, Double> overrides) {
        super(Behaviour.RESTRICTED_AREA_INTRUSION, List.of(ZoneKind.RESTRICTED),
                c -> c == ObjectClass.PERSON || c.isVehicle(), "inside restricted zone", 0.5,
                Map.of("seenSeconds", 1.5, "maxGapSeconds", 0.6, "minTravelMetres", 2.0,
                        "minChangingFraction", 0.05, "minObservedFraction", 0.6), overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        cameIn.observe(ctx, p("minTravelMetres"), p("minChangingFraction"));
        return super.evaluate(ctx);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        var recent = t.since(ctx.timeSeconds() - p("seenSeconds"));
        // observed throughout the window: from its start (so the track is at least that old) to now
        return recent.size() >= 2 && RuleContext.continuous(recent, p("maxGapSeconds"))
                && recent.get(0).timeSeconds() <= ctx.timeSeconds() - p("seenSeconds") + p("maxGapSeconds")
                && ctx.observedFraction(t, p("seenSeconds")) >= p("minObservedFraction") && cameIn.cameIn(t);
    }

    @Override
    public String severity() {
        return "high";
    }
}
