package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code truck_lane_violation}: a large vehicle (truck, bus) in a {@code no_trucks} lane for {@code minSeconds} (2),
 * its footprint at least {@code minWidthMetres} (1.2) wide. Large is measured on the track's own boxes over
 * those {@code minSeconds}, not taken from its class votes: of its observations whose box the frame does not
 * cut, at least {@code minLargeObservations} (3) and {@code minLargeFraction} (0.7) of them measure as a large
 * vehicle ({@link SizeClassifier}), and they cover those seconds from their start. Votes carry the track's past: a truck entering at the far edge of an
 * oblique view is first seen cut by the frame (a car-sized piece) and stays voted a car for seconds, and a
 * van merging with its shadow in its last second in view flips to truck after seconds in the lane.
 */
public final class TruckLaneViolationRule extends ZoneClassRule {

    /** The measured boxes must cover the whole {@code minSeconds}: the first within this of its start. */
    private static final double MAX_OPENING_GAP_SECONDS = 0.4;

    public TruckLaneViolationRule(Map<String, Double> overrides) {
        super(Behaviour.TRUCK_LANE_VIOLATION, List.of(ZoneKind.NO_TRUCKS), ObjectClass::isMotorVehicle,
                "in no-trucks lane", 2.0, Map.of("minWidthMetres", 1.2, "minLargeObservations", 3.0,
                        "minLargeFraction", 0.7), overrides);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        double from = ctx.timeSeconds() - p("minSeconds");
        double first = Double.NaN;
        int whole = 0;
        int large = 0;
        for (TrackPoint q : t.since(from - 1e-9)) {
            if (!ctx.uncut(q.box())) {
                continue;                               // a box cut by the frame is a lower bound of the size
            }
            if (whole++ == 0) {
                first = q.timeSeconds();
            }
            var size = SizeClassifier.measure(q.box(), ctx.view().mapping());
            if (size.isPresent() && SizeClassifier.classify(size.get()).isLarge()) {
                large++;
            }
        }
        return first <= from + MAX_OPENING_GAP_SECONDS && large >= p("minLargeObservations")
                && large >= p("minLargeFraction") * whole;
    }

    @Override
    protected String what(TrackSnapshot t) {
        return "large vehicle";
    }
}
