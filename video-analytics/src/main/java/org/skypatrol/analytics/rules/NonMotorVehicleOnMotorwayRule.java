package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * {@code non_motor_vehicle_on_motorway}: a bicycle, e-bike or tricycle inside a {@code motorway} zone
 * for {@code minSeconds} (1), ridden there. A rider is a track of class {@code bicycle}, or a
 * person-shaped track (class {@code person}: seen from behind a cyclist is a person's outline) whose
 * ground speed over the last {@code speedWindowSeconds} (2) is at least {@code riderMinSpeedMps} (3.5,
 * faster than anyone walks; the tracker's own bicycle call waits for its filtered speed to settle).
 * Either way the track has moved at least {@code minTravelMetres} (3) from where it was first seen,
 * and its speed (over the window, and the tracker's filtered speed too: a blob that changes shape in
 * place jumps about without moving) lies between {@code minSpeedMps} (1.5: riding, not a static artefact) and
 * {@code maxSpeedMps} (12, 43 km/h: e-bikes are limited to 25 km/h; a two-wheeler keeping up with
 * traffic is a motorcycle, a motor vehicle, or a fragment of a car); and at least half its
 * observations over the window measure as a person or a bicycle, as does the one of this frame, whose
 * box is at least {@code minPixels} (8) on its shorter side (a narrower blob cannot be told from a
 * painted line's flicker or a sliver of a vehicle), observed in at least {@code minObservedFraction}
 * (0.6) of the frames of the speed window.
 */
public final class NonMotorVehicleOnMotorwayRule extends ZoneClassRule {

    public NonMotorVehicleOnMotorwayRule(Map<String, Double> overrides) {
        super(Behaviour.NON_MOTOR_VEHICLE_ON_MOTORWAY, List.of(ZoneKind.MOTORWAY),
                c -> c == ObjectClass.BICYCLE || c == ObjectClass.PERSON, "on motorway", 1.0,
                Map.of("minTravelMetres", 3.0, "minSpeedMps", 1.5, "maxSpeedMps", 12.0, "riderMinSpeedMps", 3.5,
                        "minPixels", 8.0, "minObservedFraction", 0.6, "speedWindowSeconds", 2.0), overrides);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        if (!Motion.seenInside(t, z) || !Motion.seenLargeEnough(t, p("minPixels"))
                || !Motion.seenSteadily(t, ctx, p("speedWindowSeconds"), p("minObservedFraction"))) {
            return false;
        }
        double v = Motion.windowSpeed(t, ctx, p("speedWindowSeconds"));
        boolean young = ctx.timeSeconds() - t.firstSeenSeconds() < 0.75 * p("speedWindowSeconds");
        if (Double.isNaN(v) && !young) {
            return false;                               // observations too sparse to measure a speed
        }
        // a young track has no window speed yet: the tracker's class and filtered speed decide
        boolean rider = Double.isNaN(v) ? t.cls() == ObjectClass.BICYCLE
                : t.cls() == ObjectClass.BICYCLE || v >= p("riderMinSpeedMps");
        double speed = Double.isNaN(v) ? t.speedMps() : v;
        // the filter must agree it rides: a blob changing shape in place (a piece of a car in a queue,
        // flickering between a person's and a car's outline) has measured positions that jump about
        // while its filtered track stands
        boolean moving = !t.stationary() && t.speedMps() >= p("minSpeedMps");
        return rider && moving && Motion.travelledMetres(t) >= p("minTravelMetres") && speed >= p("minSpeedMps")
                && speed <= p("maxSpeedMps") && riderShaped(t, ctx);
    }

    /**
     * Seen now as a person or a bicycle, and so at least half the observations over the speed window: a track
     * voted bicycle earlier can have become the fragment of a car (the whole car near the camera, a
     * flat sliver of its bumper or shadow).
     */
    private boolean riderShaped(TrackSnapshot t, RuleContext ctx) {
        List<TrackPoint> window = t.since(ctx.timeSeconds() - p("speedWindowSeconds"));
        GroundMapping m = ctx.view().mapping();
        long shaped = window.stream().filter(q -> SizeClassifier.measure(q.box(), m).map(s -> {
            ObjectClass c = SizeClassifier.classify(s);
            return c == ObjectClass.PERSON || c == ObjectClass.BICYCLE && alongTravel(q, s, t.velocity(), m);
        }).orElse(false)).count();
        return !window.isEmpty() && shaped >= 0.5 * window.size() && t.missedSeconds() == 0
                && SizeClassifier.measure(t.box(), m).map(s -> SizeClassifier.classify(s))
                        .map(c -> c == ObjectClass.PERSON || c == ObjectClass.BICYCLE).orElse(false);
    }

    /**
     * Seen from above a bicycle is long along its travel and narrow across it: a footprint lying
     * across the direction of travel is the sliver of a car (its bumper, its shadow's edge). Oblique
     * views, and travel diagonal to the image axes, are not judged.
     */
    private static boolean alongTravel(TrackPoint q, SizeClassifier.GroundSize s, Vec2 velocity, GroundMapping m) {
        if (!s.nadir() || velocity.length() < 0.5) {
            return true;
        }
        Vec2 foot = q.box().foot();
        Optional<Vec2> a = m.toGround(foot);
        Optional<Vec2> b = m.toGround(foot.plus(new Vec2(1, 0)));
        if (a.isEmpty() || b.isEmpty()) {
            return true;
        }
        Vec2 imageX = b.get().minus(a.get());
        double cos = Math.abs(imageX.x() * velocity.x() + imageX.y() * velocity.y())
                / (imageX.length() * velocity.length());
        if (cos > 0.8) {
            return s.widthMetres() >= s.lengthMetres();     // travelling along the image's x axis
        }
        if (cos < 0.6) {
            return s.lengthMetres() >= s.widthMetres();     // travelling along the image's y axis
        }
        return true;
    }

    @Override
    public String severity() {
        return "high";
    }
}
