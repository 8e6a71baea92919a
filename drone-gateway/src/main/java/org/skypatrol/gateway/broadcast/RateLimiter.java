package org.skypatrol.gateway.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code max} events per key in any sliding window (broadcasts per drone per minute).
 * Not thread-safe: used from the broadcast service's single thread.
 */
final class RateLimiter {

    private final int max;
    private final Duration window;
    private final Map<String, Deque<Instant>> times = new HashMap<>();

    RateLimiter(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    /** Records an event for {@code key} at {@code now} and returns true, or returns false when over the limit. */
    boolean tryAcquire(String key, Instant now) {
        Deque<Instant> q = times.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant horizon = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(horizon)) {
            q.pollFirst();
        }
        if (q.size() >= max) {
            return false;
        }
        q.addLast(now);
        return true;
    }
}
