package org.skypatrol.gateway.mqtt;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * Rate-limits telemetry per drone to {@code rateHz} messages per second on average, coalescing to the
 * latest sample, without adding latency: each drone has a grid of due times one interval apart; the
 * first sample that arrives at or after its due time goes out at once (so a 10 Hz stream into a 2 Hz
 * topic costs no waiting), and samples in between replace each other. Only when no newer sample comes
 * does a timer send the waiting one, half an interval after its due time, so the last value before a
 * pause is never held back. Thread-safe; never blocks the caller (the event bus publisher's thread).
 */
public final class TelemetryThrottle {

    private final long intervalMillis;
    private final long graceMillis;
    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final Consumer<Telemetry> out;
    private final MqttMetrics metrics;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** Per-drone state; guarded by its own monitor. */
    private static final class Slot {
        long nextDueMillis = Long.MIN_VALUE / 2;
        Telemetry waiting;
        boolean timerArmed;
    }

    public TelemetryThrottle(double rateHz, InstantSource clock, ScheduledExecutorService timer,
                             Consumer<Telemetry> out, MqttMetrics metrics) {
        this.intervalMillis = Math.max(1, Math.round(1000.0 / rateHz));
        this.graceMillis = Math.max(1, intervalMillis / 2);
        this.clock = clock;
        this.timer = timer;
        this.out = out;
        this.metrics = metrics;
    }

    public void offer(Telemetry t) {
        Slot slot = slots.computeIfAbsent(t.droneId(), k -> new Slot());
        Telemetry send = null;
        long armIn = -1;
        synchronized (slot) {
            long now = clock.millis();
            if (slot.waiting != null) {
                metrics.inc(MqttMetrics.TELEMETRY_COALESCED);
            }
            if (now >= slot.nextDueMillis) {
                slot.waiting = null;
                advance(slot, now);
                send = t;
            } else {
                slot.waiting = t;
                if (!slot.timerArmed) {
                    slot.timerArmed = true;
                    armIn = slot.nextDueMillis + graceMillis - now;
                }
            }
        }
        if (send != null) {
            out.accept(send);
        }
        if (armIn >= 0) {
            timer.schedule(() -> flush(slot), armIn, TimeUnit.MILLISECONDS);
        }
    }

    /** Next due time: one interval on along the grid, or a fresh grid after a pause. */
    private void advance(Slot slot, long now) {
        slot.nextDueMillis = now - slot.nextDueMillis > intervalMillis ? now + intervalMillis
                : slot.nextDueMillis + intervalMillis;
    }

    private void flush(Slot slot) {
        Telemetry send;
        synchronized (slot) {
            slot.timerArmed = false;
            send = slot.waiting;
            slot.waiting = null;
            if (send != null) {
                advance(slot, clock.millis());
            }
        }
        if (send != null) {
            out.accept(send);
        }
    }

    /** Forgets a drone (it went offline); a waiting sample is still sent by its timer. */
    public void forget(String droneId) {
        slots.remove(droneId);
    }
}
