package org.skypatrol.analytics.scene;

import java.util.Map;
import java.util.Set;

/**
 * Per-scene rule overrides as written in the scene file's {@code rules:} section.
 *
 * @param params   rule id → (parameter name → value)
 * @param lines    "ruleId.param" → line in the scene file (for messages about unknown parameters)
 * @param disabled rule ids not evaluated on this scene
 */
public record RuleSettings(Map<String, Map<String, Double>> params, Map<String, Integer> lines, Set<String> disabled) {

    public RuleSettings {
        params = Map.copyOf(params);
        lines = Map.copyOf(lines);
        disabled = Set.copyOf(disabled);
    }

    public static RuleSettings none() {
        return new RuleSettings(Map.of(), Map.of(), Set.of());
    }

    public Map<String, Double> of(String ruleId) {
        return params.getOrDefault(ruleId, Map.of());
    }
}
