package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ZoneKind;

/** {@code bus_lane_occupation}: a car or truck (not a bus) in a {@code bus_lane} during its hours for {@code minSeconds} (3),
 * its footprint at least {@code minWidthMetres} (1.2) wide. */
public final class BusLaneOccupationRule extends ZoneClassRule {

    public BusLaneOccupationRule(Map<String, Double> overrides) {
        super(Behaviour.BUS_LANE_OCCUPATION, List.of(ZoneKind.BUS_LANE),
                c -> c == ObjectClass.CAR || c == ObjectClass.TRUCK, "in bus lane", 3.0, Map.of("minWidthMetres", 1.2),
                overrides);
    }
}
