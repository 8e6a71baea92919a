package org.skypatrol.gateway.broadcast;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay. The enforcement loop's re-checks (minutes away) go through this so
 * tests drive them with a manual clock instead of waiting.
 */
public interface Scheduler {

    /** A scheduled task that can be cancelled. */
    interface Task {
        void cancel();
    }

    Task schedule(Duration delay, Runnable task);

    /** A scheduler on a real executor. */
    static Scheduler of(ScheduledExecutorService exec) {
        return (delay, task) -> {
            ScheduledFuture<?> f = exec.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
