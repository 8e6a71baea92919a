package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code pedestrian_on_motorway}: a person inside a {@code motorway} zone for {@code minSeconds} (1)
 * who got there on foot, judged by what its blob did rather than by the tracker's class vote alone:
 * <ul>
 *   <li>person-sized now and in three quarters of the observations over the last
 *   {@code speedWindowSeconds} (2): oblique, no wider than {@code maxPartMetres} (1.7 m, a person
 *   with the sun's shadow), no taller than {@code maxHeightMetres} (2.5 m, a person and their
 *   foreshortened shadow) and not flat (at least half as tall as wide); straight down, no longer than
 *   {@code maxPartMetres}. A fragment of a car in a queue is somewhere in the window the car's size;</li>
 *   <li>walked at least {@code minTravelMetres} (3) between its person-sized observations (measured,
 *   not filtered, positions): a person-sized blob that never moved is a marking or a static object,
 *   even when the track took a car's blob first and so "travelled" on the filter;</li>
 *   <li>ground speed over the speed window (so the track must be that old) under
 *   {@code maxSpeedMps} (3.5, faster than anyone walks: a rider, {@code non_motor_vehicle_on_motorway},
 *   or a fragment of a vehicle).</li>
 * </ul>
 * A track of class {@code person} needs no more. Any other class but the large vehicles and bicycles
 * (the tracker's vote for a person whose shadow widens the blob to 1.3 m is {@code car}; for one whose
 * legs and shadow alone differ from the asphalt, a squat blob the detector calls a static object,
 * {@code unknown} once it walks) counts when it walks (at least {@code minWalkSpeedMps}, 0.5) across
 * the carriageway: over the speed window its displacement is at least {@code minCrossMetres} (1) and
 * more across the motorway than along it ({@link Motion#acrossLane}); pieces of vehicles drift along
 * the lanes with their traffic, a queue creeping at walking pace included. Such ambiguous evidence
 * also needs at least {@code minPartPixels} (12) on the box's shorter side now. Either way the track is
 * seen in this frame, inside the zone, with a box at least {@code minPixels} (8) on its shorter side
 * (a narrower blob cannot be told from a painted line's flicker or a sliver of a vehicle), observed in
 * at least {@code minObservedFraction} (0.6) of the frames of the speed window.
 */
public final class PedestrianOnMotorwayRule extends ZoneClassRule {

    public PedestrianOnMotorwayRule(Map<String, Double> overrides) {
        super(Behaviour.PEDESTRIAN_ON_MOTORWAY, List.of(ZoneKind.MOTORWAY),
                c -> c == ObjectClass.PERSON || c == ObjectClass.UNKNOWN || c == ObjectClass.CAR, "on motorway", 1.0,
                Map.ofEntries(Map.entry("minTravelMetres", 3.0), Map.entry("maxSpeedMps", 3.5),
                        Map.entry("speedWindowSeconds", 2.0), Map.entry("minWalkSpeedMps", 0.5),
                        Map.entry("maxPartMetres", 1.7), Map.entry("maxHeightMetres", 2.5), Map.entry("minPixels", 8.0),
                        Map.entry("minObservedFraction", 0.6), Map.entry("minPartPixels", 12.0),
                        Map.entry("minCrossMetres", 1.0)), overrides);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        if (!Motion.seenInside(t, z) || !Motion.seenLargeEnough(t, p("minPixels"))
                || !Motion.seenSteadily(t, ctx, p("speedWindowSeconds"), p("minObservedFraction"))) {
            return false;
        }
        double v = Motion.windowSpeed(t, ctx, p("speedWindowSeconds"));
        if (!(v < p("maxSpeedMps")) || !personSized(t, ctx) || walkedMetres(t, ctx) < p("minTravelMetres")) {
            return false;
        }
        if (t.cls() == ObjectClass.PERSON) {
            return true;
        }
        return v >= p("minWalkSpeedMps") && Math.min(t.box().w(), t.box().h()) >= p("minPartPixels")
                && Motion.acrossLane(t, z, ctx.timeSeconds(), p("speedWindowSeconds"), p("minCrossMetres"));
    }

    /** Whether one observation's box measures as a person (see the class comment), not as a vehicle or a sliver. */
    private boolean personShaped(TrackPoint q, GroundMapping m) {
        return SizeClassifier.measure(q.box(), m).map(s -> s.nadir() ? s.longest() < p("maxPartMetres")
                : s.widthMetres() < p("maxPartMetres") && s.lengthMetres() < p("maxHeightMetres")
                        && s.lengthMetres() >= 0.5 * s.widthMetres()).orElse(false);
    }

    /**
     * Seen in this frame as a person-sized blob, and so three quarters of the observations over the
     * speed window (the shadow sometimes widens the blob): the slivers a creeping car leaves (its
     * bumper, its shadow's edge) are flat, and a fragment of a car is somewhere in the window the size
     * of the car.
     */
    private boolean personSized(TrackSnapshot t, RuleContext ctx) {
        List<TrackPoint> h = t.history();
        GroundMapping m = ctx.view().mapping();
        if (t.missedSeconds() > 0 || h.isEmpty() || !personShaped(h.get(h.size() - 1), m)) {
            return false;
        }
        List<TrackPoint> window = t.since(ctx.timeSeconds() - p("speedWindowSeconds"));
        long shaped = window.stream().filter(q -> personShaped(q, m)).count();
        return shaped >= 0.75 * window.size();
    }

    /**
     * Farthest the track's person-sized observations got from the first of them (measured ground
     * positions), metres: how far it walked as a person.
     */
    private double walkedMetres(TrackSnapshot t, RuleContext ctx) {
        GroundMapping m = ctx.view().mapping();
        Vec2 first = null;
        double far = 0;
        for (TrackPoint q : t.history()) {
            if (!personShaped(q, m)) {
                continue;
            }
            if (first == null) {
                first = q.measured();
            }
            far = Math.max(far, q.measured().distance(first));
        }
        return far;
    }

    @Override
    public String severity() {
        return "high";
    }
}
