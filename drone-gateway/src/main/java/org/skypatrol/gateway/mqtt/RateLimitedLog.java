package org.skypatrol.gateway.mqtt;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/** Logs a repeated warning at most once per interval, with how many were suppressed in between. */
final class RateLimitedLog {

    private final Logger log;
    private final InstantSource clock;
    private final long intervalMillis;
    private final AtomicLong nextAt = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log, InstantSource clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    void warn(String format, Object... args) {
        long now = clock.millis();
        long next = nextAt.get();
        if (now >= next && nextAt.compareAndSet(next, now + intervalMillis)) {
            long s = suppressed.getAndSet(0);
            log.warn(s == 0 ? format : format + " (+" + s + " similar suppressed)", args);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
