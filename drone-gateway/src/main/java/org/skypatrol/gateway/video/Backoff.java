package org.skypatrol.gateway.video;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays that double from {@code min} to {@code max} with ±20 % jitter, so cameras that
 * dropped together do not reconnect in lock-step; {@link #reset()} after a stream delivered frames.
 */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;
    private Duration next;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.min = min;
        this.max = max;
        this.random = random;
        this.next = min;
    }

    /** The delay before the next attempt; the one after it is doubled (up to max). */
    Duration nextDelay() {
        Duration base = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        double factor = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    void reset() {
        next = min;
    }
}
