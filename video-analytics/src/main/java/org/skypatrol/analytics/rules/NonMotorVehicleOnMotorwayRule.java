package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ZoneKind;

/**
 * {@code non_motor_vehicle_on_motorway}: a bicycle, e-bike or motorcycle (class {@code bicycle})
 * inside a {@code motorway} zone for {@code minSeconds} (1).
 */
public final class NonMotorVehicleOnMotorwayRule extends ZoneClassRule {

    public NonMotorVehicleOnMotorwayRule(Map<String, Double> overrides) {
        super(Behaviour.NON_MOTOR_VEHICLE_ON_MOTORWAY, List.of(ZoneKind.MOTORWAY), c -> c == ObjectClass.BICYCLE,
                "on motorway", 1.0, overrides);
    }

    @Override
    public String severity() {
        return "high";
    }
}
