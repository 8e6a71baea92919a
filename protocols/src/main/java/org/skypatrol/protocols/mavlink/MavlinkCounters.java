package org.skypatrol.protocols.mavlink;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Thread-safe counters of one MAVLink input (typically one endpoint), by {@link MavlinkCounter}.
 * Shared by every channel of the endpoint.
 */
public final class MavlinkCounters {

    private static final MavlinkCounter[] ALL = MavlinkCounter.values();
    private final AtomicLongArray values = new AtomicLongArray(ALL.length);

    /** Adds one to {@code counter}. */
    public void increment(MavlinkCounter counter) {
        values.incrementAndGet(counter.ordinal());
    }

    /** Adds {@code delta} to {@code counter}. */
    public void add(MavlinkCounter counter, long delta) {
        values.addAndGet(counter.ordinal(), delta);
    }

    /** Counts a skip: its reason's counter and the skipped bytes. */
    public void skipped(ParseResult.Skipped skipped) {
        increment(skipped.reason().counter());
        add(MavlinkCounter.BYTES_SKIPPED, skipped.bytes());
    }

    /** The current value of {@code counter}. */
    public long get(MavlinkCounter counter) {
        return values.get(counter.ordinal());
    }

    /** A snapshot of every counter (zeros included). */
    public Map<MavlinkCounter, Long> snapshot() {
        Map<MavlinkCounter, Long> map = new EnumMap<>(MavlinkCounter.class);
        for (MavlinkCounter counter : ALL) {
            map.put(counter, values.get(counter.ordinal()));
        }
        return map;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
