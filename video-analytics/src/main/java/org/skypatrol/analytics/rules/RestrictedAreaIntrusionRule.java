package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ZoneKind;

/** {@code restricted_area_intrusion}: a person or vehicle inside a {@code restricted} zone (during its hours) for {@code minSeconds} (0.5). */
public final class RestrictedAreaIntrusionRule extends ZoneClassRule {

    public RestrictedAreaIntrusionRule(Map<String, Double> overrides) {
        super(Behaviour.RESTRICTED_AREA_INTRUSION, List.of(ZoneKind.RESTRICTED),
                c -> c == ObjectClass.PERSON || c.isVehicle(), "inside restricted zone", 0.5, overrides);
    }

    @Override
    public String severity() {
        return "high";
    }
}
