package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code pedestrian_on_motorway}: a person inside a {@code motorway} zone for {@code minSeconds} (1)
 * who got there on foot: the track has moved at least {@code minTravelMetres} (3) from where it was
 * first seen (a person-sized blob that never moved is a marking or a static object, not a walker) and
 * its ground speed over the last {@code speedWindowSeconds} (2, so the track must be that old) is under
 * {@code maxSpeedMps} (3.5, faster than anyone walks): a faster person-shaped object rides something
 * ({@code non_motor_vehicle_on_motorway}) or is a fragment of a vehicle.
 */
public final class PedestrianOnMotorwayRule extends ZoneClassRule {

    public PedestrianOnMotorwayRule(Map<String, Double> overrides) {
        super(Behaviour.PEDESTRIAN_ON_MOTORWAY, List.of(ZoneKind.MOTORWAY), c -> c == ObjectClass.PERSON,
                "on motorway", 1.0, Map.of("minTravelMetres", 3.0, "maxSpeedMps", 3.5, "speedWindowSeconds", 2.0),
                overrides);
    }

    @Override
    protected boolean qualifies(TrackSnapshot t, RuleContext ctx) {
        return Motion.travelledMetres(t) >= p("minTravelMetres")
                && Motion.windowSpeed(t, ctx.timeSeconds(), p("speedWindowSeconds")) < p("maxSpeedMps");
    }

    @Override
    public String severity() {
        return "high";
    }
}
