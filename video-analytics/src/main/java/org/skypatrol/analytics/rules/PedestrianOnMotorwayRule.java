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
 * {@code pedestrian_on_motorway}: a person inside a {@code motorway} zone for {@code minSeconds} (1)
 * who got there on foot: the track has moved at least {@code minTravelMetres} (3) from where it was
 * first seen (a person-sized blob that never moved is a marking or a static object, not a walker) and
 * its ground speed over the last {@code speedWindowSeconds} (2, so the track must be that old) is under
 * {@code maxSpeedMps} (3.5, faster than anyone walks): a faster person-shaped object rides something
 * ({@code non_motor_vehicle_on_motorway}) or is a fragment of a vehicle. A track of class
 * {@code unknown} counts too when it walks (at least {@code minWalkSpeedMps}, 0.5), its blob stays
 * person-sized (longest side under {@code maxPartMetres}, 1.7, not flat) and is at least
 * {@code minPartPixels} (12) on its shorter side now: on a dark road only a person's legs and shadow
 * may differ enough in gray from the asphalt, a squat blob the detector first calls a static object
 * and the tracker then unknown once it walks off. Either way the track is seen in this
 * frame, inside the zone, with a box at least {@code minPixels} (8) on its shorter side (a narrower
 * blob cannot be told from a painted line's flicker or a sliver of a vehicle).
 */
public final class PedestrianOnMotorwayRule extends ZoneClassRule {

    public PedestrianOnMotorwayRule(Map<String, Double> overrides) {
        super(Behaviour.PEDESTRIAN_ON_MOTORWAY, List.of(ZoneKind.MOTORWAY),
                c -> c == ObjectClass.PERSON || c == ObjectClass.UNKNOWN, "on motorway", 1.0,
                Map.of("minTravelMetres", 3.0, "maxSpeedMps", 3.5, "speedWindowSeconds", 2.0, "minWalkSpeedMps", 0.5,
                        "maxPartMetres", 1.7, "minPixels", 8.0, "minObservedFraction", 0.6,
                        "minPartPixels", 12.0), overrides);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        if (!Motion.seenInside(t, z) || !Motion.seenLargeEnough(t, p("minPixels"))
                || !Motion.seenSteadily(t, ctx, p("speedWindowSeconds"), p("minObservedFraction"))) {
            return false;
        }
        double v = Motion.windowSpeed(t, ctx, p("speedWindowSeconds"));
        if (Motion.travelledMetres(t) < p("minTravelMetres") || !(v < p("maxSpeedMps"))) {
            return false;
        }
        return t.cls() == ObjectClass.PERSON || v >= p("minWalkSpeedMps") && personSized(t, ctx);
    }

    /**
     * Seen in this frame, and three quarters of the observations over the speed window (the shadow
     * sometimes widens the blob) a small blob (longest side under
     * {@code maxPartMetres}, 1.7 m) that is not flat (at least half as long or tall as it is wide): a
     * person's legs and shadow; the slivers a creeping car leaves (its bumper, its shadow's edge) are
     * flat, and a fragment of a car is somewhere in the window the size of the car.
     */
    private boolean personSized(TrackSnapshot t, RuleContext ctx) {
        if (t.missedSeconds() > 0 || Math.min(t.box().w(), t.box().h()) < p("minPartPixels")) {
            return false;                               // ambiguous evidence needs more pixels than a person
        }
        List<TrackPoint> window = t.since(ctx.timeSeconds() - p("speedWindowSeconds"));
        long small = window.stream().filter(q -> SizeClassifier.measure(q.box(), ctx.view().mapping())
                .map(s -> s.longest() < p("maxPartMetres") && s.lengthMetres() >= 0.5 * s.widthMetres())
                .orElse(false)).count();
        return small >= 0.75 * window.size();
    }

    @Override
    public String severity() {
        return "high";
    }
}
