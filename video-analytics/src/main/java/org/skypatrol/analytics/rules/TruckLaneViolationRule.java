package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ZoneKind;

/** {@code truck_lane_violation}: a large vehicle (truck, bus) in a {@code no_trucks} lane for {@code minSeconds} (2),
 * its footprint at least {@code minWidthMetres} (1.2) wide. */
public final class TruckLaneViolationRule extends ZoneClassRule {

    public TruckLaneViolationRule(Map<String, Double> overrides) {
        super(Behaviour.TRUCK_LANE_VIOLATION, List.of(ZoneKind.NO_TRUCKS), ObjectClass::isLarge,
                "in no-trucks lane", 2.0, Map.of("minWidthMetres", 1.2), overrides);
    }
}
