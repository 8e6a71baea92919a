package org.skypatrol.analytics.rules;

import java.util.LinkedHashMap;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;

/**
 * Parameter handling shared by the rules: documented defaults, per-scene overrides (the scene
 * file's {@code rules:} section), and the lifecycle parameters every rule has
 * ({@code sustainSeconds} with dropouts up to {@code sustainGapSeconds} 0.5 tolerated, {@code endAfterSeconds}, {@code cooldownSeconds}, {@code dedupeMetres} 3: a new
 * alert this close to an active or recently ended one of the same behaviour and zone is the same object).
 */
public abstract class AbstractRule implements Rule {

    private final Behaviour behaviour;
    private final Map<String, Double> params;

    protected AbstractRule(Behaviour behaviour, Map<String, Double> defaults, Map<String, Double> overrides) {
        this.behaviour = behaviour;
        Map<String, Double> all = new LinkedHashMap<>();
        all.put("sustainSeconds", 0.0);
        all.put("endAfterSeconds", 2.0);
        all.put("cooldownSeconds", 30.0);
        all.put("dedupeMetres", 3.0);
        all.put("sustainGapSeconds", 0.5);
        all.putAll(defaults);
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            if (!all.containsKey(e.getKey())) {
                throw new IllegalArgumentException(e.getKey());
            }
            all.put(e.getKey(), e.getValue());
        }
        this.params = Map.copyOf(all);
    }

    protected final double p(String name) {
        Double v = params.get(name);
        if (v == null) {
            throw new IllegalStateException(behaviour.id() + " has no parameter " + name);
        }
        return v;
    }

    public Map<String, Double> parameters() {
        return params;
    }

    @Override
    public Behaviour behaviour() {
        return behaviour;
    }

    @Override
    public double sustainSeconds() {
        return p("sustainSeconds");
    }

    @Override
    public double endAfterSeconds() {
        return p("endAfterSeconds");
    }

    @Override
    public double cooldownSeconds() {
        return p("cooldownSeconds");
    }

    @Override
    public double sustainGapSeconds() {
        return p("sustainGapSeconds");
    }

    @Override
    public double dedupeMetres() {
        return p("dedupeMetres");
    }

    @Override
    public String severity() {
        return "medium";
    }

    protected static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
