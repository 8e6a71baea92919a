package org.skypatrol.analytics.rules;

import java.util.List;

import org.skypatrol.analytics.events.Behaviour;

/**
 * One risk behaviour. Pure over a {@link RuleContext}: the same snapshot gives the same hits. Timing
 * that spans frames (sustain, end grace, cooldown) is the {@link AlertLifecycle}'s job; durations of
 * one object come from its track history.
 */
public interface Rule {

    Behaviour behaviour();

    List<RuleHit> evaluate(RuleContext ctx);

    /** The condition must hold this long before the alert starts. */
    double sustainSeconds();

    /** While sustaining, the condition may drop out this long without restarting the count (0.5 s). */
    default double sustainGapSeconds() {
        return 0.5;
    }

    /** The condition must be absent this long before the alert ends. */
    double endAfterSeconds();

    /** After an end, the same alert key cannot start again for this long. */
    double cooldownSeconds();

    /**
     * A new alert of this behaviour in the same zone within this distance (metres) of where an active
     * or recently ended one last saw its object is the same object again (0 = off).
     */
    default double dedupeMetres() {
        return 0;
    }

    String severity();
}
