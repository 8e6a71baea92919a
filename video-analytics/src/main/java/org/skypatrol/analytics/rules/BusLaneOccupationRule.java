package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/** {@code bus_lane_occupation}: a car (or, with {@code countTrucks} 1, a truck; never a bus) in a {@code bus_lane}
 * during its hours for {@code minSeconds} (3), its footprint at least {@code minWidthMetres} (1.2) wide. Trucks are
 * not counted by default ({@code countTrucks} 0): the classical detector names every large vehicle a truck, and a
 * bus (12 x 2.55 m) and a truck (11 x 2.5 m) have the same footprint, so every bus using its own lane would alert.
 * Set 1 with the ONNX detector, which tells buses from trucks. */
public final class BusLaneOccupationRule extends ZoneClassRule {

    public BusLaneOccupationRule(Map<String, Double> overrides) {
        super(Behaviour.BUS_LANE_OCCUPATION, List.of(ZoneKind.BUS_LANE),
                c -> c == ObjectClass.CAR || c == ObjectClass.TRUCK, "in bus lane", 3.0, Map.of("minWidthMetres", 1.2, "countTrucks", 0.0),
                overrides);
    }

    /** A truck-sized vehicle in a bus lane is taken for the bus unless {@code countTrucks} says otherwise. */
    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        return t.cls() != ObjectClass.TRUCK || p("countTrucks") > 0;
    }
}
