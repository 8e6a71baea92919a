package org.skypatrol.gateway.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.skypatrol.gateway.testing.MutableClock;

/** A {@link Scheduler} on a {@link MutableClock}: tasks run when the test advances the clock past them. */
final class ManualScheduler implements Scheduler {

    private record Entry(Instant due, Runnable task, boolean[] cancelled) {
    }

    final MutableClock clock;
    private final List<Entry> entries = new ArrayList<>();

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Task schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        entries.add(new Entry(clock.instant().plus(delay), task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward and runs every task now due, in due order. */
    void advance(Duration d) {
        clock.advance(d);
        while (true) {
            Entry next;
            synchronized (this) {
                next = entries.stream().filter(e -> !e.due().isAfter(clock.instant()))
                        .min(java.util.Comparator.comparing(Entry::due)).orElse(null);
                if (next == null) {
                    return;
                }
                entries.remove(next);
            }
            if (!next.cancelled()[0]) {
                next.task().run();
            }
        }
    }

    synchronized int pending() {
        return (int) entries.stream().filter(e -> !e.cancelled()[0]).count();
    }
}
