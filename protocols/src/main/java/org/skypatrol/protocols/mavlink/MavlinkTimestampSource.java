package org.skypatrol.protocols.mavlink;

import java.time.InstantSource;

/**
 * Outgoing signing timestamps: strictly increasing even when the wall clock jumps back (FAULTS
 * S10) and across restarts (S9).
 *
 * <p>https://mavlink.io/en/guide/message_signing.html#timestamp asks for a timestamp that never
 * goes back; we take {@code max(clock, last + 1)}. For restarts we persist a ceiling
 * {@link #RESERVE_UNITS} (60 s) ahead of what we hand out and write a new one only when it is
 * reached: every timestamp sent before a crash is below the stored ceiling, and after a restart
 * we start at or above it. Thread-safe.
 */
public final class MavlinkTimestampSource {

    /** How far ahead the persisted ceiling reaches: 60 s in 10 µs units. */
    public static final long RESERVE_UNITS = 60 * MavlinkSigning.UNITS_PER_SECOND;

    private final InstantSource clock;
    private final MavlinkTimestampStore store;
    private long last;
    private long ceiling;

    public MavlinkTimestampSource(InstantSource clock, MavlinkTimestampStore store) {
        this.clock = clock;
        this.store = store;
        long stored = store.load().orElse(0L);
        this.last = stored - 1;
        this.ceiling = stored;
    }

    /** The next timestamp to sign with. */
    public synchronized long next() {
        long now = MavlinkSigning.timestampOf(clock.instant());
        long next = Math.max(now, last + 1);
        if (next >= ceiling) {
            ceiling = next + RESERVE_UNITS;
            store.save(ceiling);
        }
        last = next;
        return next;
    }
}
