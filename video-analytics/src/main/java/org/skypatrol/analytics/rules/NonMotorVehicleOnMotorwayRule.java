package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code non_motor_vehicle_on_motorway}: a bicycle, e-bike or tricycle inside a {@code motorway} zone
 * for {@code minSeconds} (1), ridden there. A rider is a track of class {@code bicycle}, or a
 * person-shaped track (class {@code person}: seen from behind a cyclist is a person's outline) whose
 * ground speed over the last {@code speedWindowSeconds} (2) is at least {@code riderMinSpeedMps} (3.5,
 * faster than anyone walks; the tracker's own bicycle call waits for its filtered speed to settle).
 * Either way the track has moved at least {@code minTravelMetres} (3) from where it was first seen,
 * and its speed lies between {@code minSpeedMps} (1.5: riding, not a static artefact) and
 * {@code maxSpeedMps} (12, 43 km/h: e-bikes are limited to 25 km/h; a two-wheeler keeping up with
 * traffic is a motorcycle, a motor vehicle, or a fragment of a car).
 */
public final class NonMotorVehicleOnMotorwayRule extends ZoneClassRule {

    public NonMotorVehicleOnMotorwayRule(Map<String, Double> overrides) {
        super(Behaviour.NON_MOTOR_VEHICLE_ON_MOTORWAY, List.of(ZoneKind.MOTORWAY), c -> c == ObjectClass.BICYCLE || c == ObjectClass.PERSON,
                "on motorway", 1.0, Map.of("minTravelMetres", 3.0, "minSpeedMps", 1.5, "maxSpeedMps", 12.0, "riderMinSpeedMps", 3.5,
                        "speedWindowSeconds", 2.0), overrides);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, RuleContext ctx) {
        double v = Motion.windowSpeed(t, ctx.timeSeconds(), p("speedWindowSeconds"));
        if (Double.isNaN(v)) {
            v = t.speedMps();                           // a young track: the tracker's call and filtered speed
            return t.cls() == ObjectClass.BICYCLE && Motion.travelledMetres(t) >= p("minTravelMetres")
                    && v >= p("minSpeedMps") && v <= p("maxSpeedMps");
        }
        boolean rider = t.cls() == ObjectClass.BICYCLE || v >= p("riderMinSpeedMps");
        return rider && Motion.travelledMetres(t) >= p("minTravelMetres") && v >= p("minSpeedMps")
                && v <= p("maxSpeedMps");
    }

    @Override
    public String severity() {
        return "high";
    }
}
