package org.skypatrol.gateway.mavlink;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/** Counts unexpected errors and logs at most one per second, with the count (as MediaMTX does). */
final class ErrorLog {

    private final Logger log;
    private final AtomicLong count = new AtomicLong();
    private volatile long lastLogNanos = System.nanoTime() - 2_000_000_000L;

    ErrorLog(Logger log) {
        this.log = log;
    }

    void record(String where, Throwable cause) {
        long n = count.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastLogNanos >= 1_000_000_000L) {
            lastLogNanos = now;
            log.warn("{}: {} error(s) so far, latest:", where, n, cause);
        }
    }

    long count() {
        return count.get();
    }
}
