package org.skypatrol.gateway.drones;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.skypatrol.gateway.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ticks the {@link DroneRegistry} on a schedule so silent links turn stale and offline. */
public final class LinkMonitor implements Service {

    private static final Logger log = LoggerFactory.getLogger(LinkMonitor.class);

    private final DroneRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Duration period;
    private ScheduledFuture<?> task;

    public LinkMonitor(DroneRegistry registry, ScheduledExecutorService scheduler, Duration period) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.period = period;
    }

    /** A period a tenth of the stale timeout (at most 250 ms), so a change shows within that. */
    public static Duration periodFor(LinkPolicy policy) {
        Duration tenth = policy.staleAfter().dividedBy(10);
        return tenth.compareTo(Duration.ofMillis(250)) < 0 ? tenth : Duration.ofMillis(250);
    }

    @Override
    public void start() {
        long nanos = Math.max(1_000_000, period.toNanos());
        task = scheduler.scheduleAtFixedRate(this::tickSafely, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void tickSafely() {
        try {
            registry.tick();
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule (ScheduledExecutorService would).
            log.error("link state tick failed", e);
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
