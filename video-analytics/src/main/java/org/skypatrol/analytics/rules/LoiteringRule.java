package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ZoneKind;

/** {@code loitering}: a person staying inside a {@code watch} or {@code restricted} zone for {@code minSeconds} (60). */
public final class LoiteringRule extends ZoneClassRule {

    public LoiteringRule(Map<String, Double> overrides) {
        super(Behaviour.LOITERING, List.of(ZoneKind.WATCH, ZoneKind.RESTRICTED), c -> c == ObjectClass.PERSON,
                "loitering in", 60.0, overrides);
    }

    @Override
    public String severity() {
        return "low";
    }
}
