package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Phase;

/**
 * Turns per-frame rule hits into alerts with a start, updates and an end (Frigate's new/update/end):
 * a condition must hold for the rule's {@code sustainSeconds} (gaps up to half a second tolerated)
 * before the alert starts; it ends after {@code endAfterSeconds} without a hit; the same key cannot
 * start again within {@code cooldownSeconds} of its end. Duplicates are merged: a new key of the same
 * behaviour whose tracks are exactly those of an active alert (overlapping zones) joins that alert.
 * All times are frame times.
 */
public final class AlertLifecycle {

    private static final double GAP_TOLERANCE_SECONDS = 0.5;
    private static final double UPDATE_MIN_SECONDS = 5.0;

    private final String sourceId;
    private int nextAlert = 1;
    private final Map<String, double[]> pending = new HashMap<>();      // key -> {firstTrue, lastTrue}
    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Map<String, Double> cooldownUntil = new HashMap<>();
    private long merged;
    private long suppressedByCooldown;

    private static final class Active {
        final String alertId;
        final Rule rule;
        final double start;
        RuleHit hit;
        double lastTrue;
        double lastUpdate;

        Active(String alertId, Rule rule, RuleHit hit, double start) {
            this.alertId = alertId;
            this.rule = rule;
            this.hit = hit;
            this.start = start;
            this.lastTrue = start;
            this.lastUpdate = start;
        }
    }

    public AlertLifecycle(String sourceId) {
        this.sourceId = sourceId;
    }

    public List<AlertTransition> step(double t, Map<Rule, List<RuleHit>> hits) {
        List<AlertTransition> out = new ArrayList<>();
        for (Map.Entry<Rule, List<RuleHit>> e : hits.entrySet()) {
            Rule rule = e.getKey();
            for (RuleHit h : e.getValue()) {
                String key = rule.behaviour().id() + ":" + h.key();
                Active a = active.get(key);
                if (a == null) {
                    a = mergeTarget(rule, h);
                    if (a != null) {
                        merged++;
                    }
                }
                if (a != null) {
                    boolean changed = !a.hit.trackIds().equals(h.trackIds());
                    a.hit = h;
                    a.lastTrue = t;
                    if (changed && t - a.lastUpdate >= UPDATE_MIN_SECONDS) {
                        a.lastUpdate = t;
                        out.add(new AlertTransition(Phase.UPDATE, a.alertId, rule, h, a.start));
                    }
                    continue;
                }
                if (cooldownUntil.getOrDefault(key, Double.NEGATIVE_INFINITY) > t) {
                    suppressedByCooldown++;
                    continue;
                }
                double[] p = pending.get(key);
                if (p == null || t - p[1] > GAP_TOLERANCE_SECONDS) {
                    p = new double[] {t, t};
                    pending.put(key, p);
                }
                p[1] = t;
                if (t - p[0] >= rule.sustainSeconds()) {
                    pending.remove(key);
                    Active n = new Active(sourceId + "-" + nextAlert++, rule, h, t);
                    active.put(key, n);
                    out.add(new AlertTransition(Phase.START, n.alertId, rule, h, t));
                }
            }
        }
        for (Iterator<Map.Entry<String, Active>> it = active.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Active> e = it.next();
            Active a = e.getValue();
            if (t - a.lastTrue >= a.rule.endAfterSeconds()) {
                it.remove();
                cooldownUntil.put(e.getKey(), t + a.rule.cooldownSeconds());
                out.add(new AlertTransition(Phase.END, a.alertId, a.rule, a.hit, a.start));
            }
        }
        pending.values().removeIf(p -> t - p[1] > GAP_TOLERANCE_SECONDS);
        return out;
    }

    /** Ends every active alert (end of the video or of the source). */
    public List<AlertTransition> finish(double t) {
        List<AlertTransition> out = new ArrayList<>();
        for (Active a : active.values()) {
            out.add(new AlertTransition(Phase.END, a.alertId, a.rule, a.hit, a.start));
        }
        active.clear();
        pending.clear();
        return out;
    }

    private Active mergeTarget(Rule rule, RuleHit h) {
        if (h.trackIds().isEmpty()) {
            return null;
        }
        for (Active a : active.values()) {
            if (a.rule.behaviour() == rule.behaviour() && a.hit.trackIds().equals(h.trackIds())) {
                return a;
            }
        }
        return null;
    }

    public int activeCount() {
        return active.size();
    }

    public long merged() {
        return merged;
    }

    public long suppressedByCooldown() {
        return suppressedByCooldown;
    }
}
