package org.skypatrol.analytics.rules;

import org.skypatrol.analytics.events.Phase;

/** One lifecycle step of one alert, produced by {@link AlertLifecycle}. */
public record AlertTransition(Phase phase, String alertId, Rule rule, RuleHit hit, double startSeconds) {
}
