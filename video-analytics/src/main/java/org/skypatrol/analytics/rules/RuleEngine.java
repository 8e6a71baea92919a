package org.skypatrol.analytics.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the rules on one frame. A rule that throws is isolated: its failure is counted and
 * logged (at most once per rule per 10 s), the other rules and the pipeline carry on.
 */
public final class RuleEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    private final List<Rule> rules;
    private final Map<Rule, AtomicLong> failures = new LinkedHashMap<>();
    private final Map<Rule, Double> lastLogged = new LinkedHashMap<>();

    public RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        rules.forEach(r -> failures.put(r, new AtomicLong()));
    }

    public Map<Rule, List<RuleHit>> evaluate(RuleContext ctx) {
        Map<Rule, List<RuleHit>> out = new LinkedHashMap<>();
        for (Rule r : rules) {
            try {
                out.put(r, r.evaluate(ctx));
            } catch (RuntimeException e) {
                long n = failures.get(r).incrementAndGet();
                double last = lastLogged.getOrDefault(r, Double.NEGATIVE_INFINITY);
                if (ctx.timeSeconds() - last >= 10) {
                    lastLogged.put(r, ctx.timeSeconds());
                    LOG.warn("rule {} failed at t={}s ({} failures so far): {}", r.behaviour().id(),
                            ctx.timeSeconds(), n, e.toString());
                }
                out.put(r, List.of());
            }
        }
        return out;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Failures per rule id. */
    public Map<String, Long> failures() {
        Map<String, Long> m = new LinkedHashMap<>();
        failures.forEach((r, n) -> m.put(r.behaviour().id(), n.get()));
        return m;
    }
}
