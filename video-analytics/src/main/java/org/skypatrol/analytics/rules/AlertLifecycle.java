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
 * a condition must hold for the rule's {@code sustainSeconds} (gaps up to its {@code sustainGapSeconds} tolerated)
 * before the alert starts; it ends after {@code endAfterSeconds} without a hit; the same key cannot
 * start again within {@code cooldownSeconds} of its end, and each hit it has in that time pushes the end
 * of the cooldown on (hysteresis: an object that keeps meeting the condition through detector gaps
 * is one alert, not one per {@code cooldownSeconds}). Duplicates are merged: a new key of the same
 * behaviour whose tracks are exactly those of an active alert (overlapping zones) joins that alert.
 * One alert per object and behaviour: a new key of the same behaviour is the same object again, and
 * starts nothing, when (a) its tracks are exactly those of an alert that ended less than that alert's
 * {@code cooldownSeconds} ago, or (b) it is in the same zone (or both have none) and its ground point
 * is within the rule's {@code dedupeMetres} (plus the larger ground uncertainty of the two hits) of where an active alert, or one that ended less than
 * {@code cooldownSeconds} ago, last saw its object (a fragmented or re-identified track of the same
 * parked car, debris, lane-changer). An active target absorbs the hit (no flapping); an ended one
 * suppresses it (counted). All times are frame times.
 */
public final class AlertLifecycle {

    /** Pending conditions unseen this long are forgotten whatever their rule's gap tolerance. */
    private static final double MAX_GAP_SECONDS = 10.0;
    private static final double UPDATE_MIN_SECONDS = 5.0;

    private final String sourceId;
    private int nextAlert = 1;
    private final Map<String, double[]> pending = new HashMap<>();      // key -> {firstTrue, lastTrue}
    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Map<String, Double> cooldownUntil = new HashMap<>();
    private final List<Ended> ended = new ArrayList<>();
    private long merged;
    private long suppressedByCooldown;
    private long suppressedSameObject;

    /** An alert that ended, remembered until its cooldown runs out (same-object suppression). */
    private record Ended(Rule rule, RuleHit hit, double until) {
    }

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
                if (a == null && sameObjectEnded(rule, h, t)) {
                    suppressedSameObject++;
                    pending.remove(key);
                    continue;
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
                    cooldownUntil.put(key, t + rule.cooldownSeconds());      // slides while the condition holds
                    continue;
                }
                double[] p = pending.get(key);
                if (p == null || t - p[1] > rule.sustainGapSeconds()) {
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
                ended.add(new Ended(a.rule, a.hit, t + a.rule.cooldownSeconds()));
                out.add(new AlertTransition(Phase.END, a.alertId, a.rule, a.hit, a.start));
            }
        }
        pending.values().removeIf(p -> t - p[1] > MAX_GAP_SECONDS);
        ended.removeIf(x -> x.until() <= t);
        cooldownUntil.values().removeIf(until -> until <= t);
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

    /** An active alert of the same behaviour that this hit is a duplicate of (same tracks, or same zone and place). */
    private Active mergeTarget(Rule rule, RuleHit h) {
        for (Active a : active.values()) {
            if (a.rule.behaviour() == rule.behaviour() && sameObject(rule, a.hit, h)) {
                return a;
            }
        }
        return null;
    }

    /** Whether an alert of the same behaviour about the same object ended within its cooldown. */
    private boolean sameObjectEnded(Rule rule, RuleHit h, double t) {
        for (int i = 0; i < ended.size(); i++) {
            Ended x = ended.get(i);
            if (x.rule().behaviour() == rule.behaviour() && x.until() > t && sameObject(rule, x.hit(), h)) {
                // hysteresis: while the same object keeps meeting the condition, its cooldown slides on
                ended.set(i, new Ended(x.rule(), x.hit(), Math.max(x.until(), t + rule.cooldownSeconds())));
                return true;
            }
        }
        return false;
    }

    private static boolean sameObject(Rule rule, RuleHit known, RuleHit h) {
        if (!h.trackIds().isEmpty() && known.trackIds().equals(h.trackIds())) {
            return true;
        }
        double r = rule.dedupeMetres() + Math.max(known.groundUncertaintyMetres(), h.groundUncertaintyMetres());
        return rule.dedupeMetres() > 0 && java.util.Objects.equals(known.zoneId(), h.zoneId()) && known.ground() != null
                && h.ground() != null && known.ground().distance(h.ground()) <= r;
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

    /** Starts suppressed because an alert about the same object (tracks or place) ended within its cooldown. */
    public long suppressedSameObject() {
        return suppressedSameObject;
    }
}
