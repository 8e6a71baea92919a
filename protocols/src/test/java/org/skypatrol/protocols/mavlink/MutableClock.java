package org.skypatrol.protocols.mavlink;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** An injected clock the test moves by hand (also backwards, for FAULTS S10). */
final class MutableClock implements InstantSource {

    private volatile Instant now;

    MutableClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }
}
