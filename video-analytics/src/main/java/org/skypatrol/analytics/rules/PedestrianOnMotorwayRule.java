package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ZoneKind;

/** {@code pedestrian_on_motorway}: a person inside a {@code motorway} zone for {@code minSeconds} (1). */
public final class PedestrianOnMotorwayRule extends ZoneClassRule {

    public PedestrianOnMotorwayRule(Map<String, Double> overrides) {
        super(Behaviour.PEDESTRIAN_ON_MOTORWAY, List.of(ZoneKind.MOTORWAY), c -> c == ObjectClass.PERSON,
                "on motorway", 1.0, overrides);
    }

    @Override
    public String severity() {
        return "high";
    }
}
