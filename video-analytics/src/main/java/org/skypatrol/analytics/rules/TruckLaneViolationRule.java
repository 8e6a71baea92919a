package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.Box;
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
 * A box cut only by the frame's top is a lower bound of the vehicle's extent with its own foot: when it
 * measures large the vehicle is large, else it says nothing. A box of exactly the size of the observation
 * before, moved along the image of an oblique view (where a vehicle's size changes with its distance), is
 * the one the tracker held while the vehicle was merged with another in one blob (it keeps the farther
 * one's predicted box): it measures nothing, and held while the truck comes nearer it reads ever smaller
 * (tuning renders: trucks beside a car in the next lane read as cars for most of their time). The tracker now
 * says when it held a box ({@link TrackPoint#held()}), but reading that flag instead lost the truck of render
 * 21000: merged for most of its 2 s, it has too few measured boxes, and the inference (which counts a held box
 * that did not move as measured) still finds it; judging a merged truck on its measured boxes over a longer
 * time is the next step.
 */
public final class TruckLaneViolationRule extends ZoneClassRule {

    /** The measured boxes must cover the whole {@code minSeconds}: the first within this of its start. */
    private static final double MAX_OPENING_GAP_SECONDS = 0.4;
    /** Vertical shift of a box's bottom (pixels) over which an oblique view changes a vehicle's size. */
    private static final double HELD_MIN_SHIFT_PX = 3;

    public TruckLaneViolationRule(Map<String, Double> overrides) {
        super(Behaviour.TRUCK_LANE_VIOLATION, List.of(ZoneKind.NO_TRUCKS), ObjectClass::isMotorVehicle,
                "in no-trucks lane", 2.0, Map.of("minWidthMetres", 1.2, "minLargeObservations", 3.0,
                        "minLargeFraction", 0.7), overrides);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        double from = ctx.timeSeconds() - p("minSeconds");
        double first = Double.NaN;
        int measured = 0;
        int large = 0;
        Box before = null;
        for (TrackPoint q : t.history()) {
            Box b = q.box();
            Box previous = before;
            before = b;
            if (q.timeSeconds() < from - 1e-9) {
                continue;
            }
            var size = SizeClassifier.measure(b, ctx.view().mapping());
            if (size.isEmpty()) {
                continue;
            }
            boolean big = SizeClassifier.classify(size.get()).isLarge();
            if (!ctx.uncut(b) && !(big && topCutOnly(b, ctx))) {
                continue;                               // a cut box is a lower bound of the size: large, or nothing
            }
            if (Double.isNaN(first)) {
                first = q.timeSeconds();
            }
            if (held(b, previous, size.get())) {
                continue;                               // a box held through a merge: seen there, size not measured
            }
            measured++;
            if (big) {
                large++;
            }
        }
        return first <= from + MAX_OPENING_GAP_SECONDS && large >= p("minLargeObservations")
                && large >= p("minLargeFraction") * measured;
    }

    /**
     * Whether the box is one the tracker held through a merge: in an oblique view a vehicle that moves along
     * the image's vertical changes its size with its distance, so a box whose bottom moved by
     * {@link #HELD_MIN_SHIFT_PX} or more at exactly the size of the observation before was not measured.
     * (Straight down, or moving across the image, a vehicle's box keeps its size.)
     */
    private static boolean held(Box b, Box previous, SizeClassifier.GroundSize size) {
        return previous != null && !size.nadir() && b.w() == previous.w() && b.h() == previous.h()
                && Math.abs(b.y() + b.h() - previous.y() - previous.h()) >= HELD_MIN_SHIFT_PX;
    }

    /** Whether only the frame's top cuts the box: its foot, and so its ground scale, are its own. */
    private static boolean topCutOnly(Box b, RuleContext ctx) {
        return ctx.uncut(new Box(b.x(), b.y() + 3, b.w(), Math.max(1, b.h() - 3)));
    }

    @Override
    protected String what(TrackSnapshot t) {
        return "large vehicle";
    }
}
