package org.skypatrol.gateway.mqtt;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * Rate-limits telemetry per drone to at most {@code rateHz} messages per second, coalescing to the
 * latest sample: a sample that arrives when its drone's interval has passed goes out at once (lowest
 * latency); one that arrives earlier replaces the waiting one, and a timer sends the waiting sample
 * when the interval ends, so the last value before a pause is never held back. Thread-safe; never
 * blocks the caller (it runs on the event bus publisher's thread).
 */
public final class TelemetryThrottle {

    private final long intervalMillis;
    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final Consumer<Telemetry> out;
    private final MqttMetrics metrics;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** Per-drone state; guarded by its own monitor. */
    private static final class Slot {
        long lastSentMillis = Long.MIN_VALUE / 2;
        Telemetry waiting;
        boolean timerArmed;
    }

    public TelemetryThrottle(double rateHz, InstantSource clock, ScheduledExecutorService timer,
                             Consumer<Telemetry> out, MqttMetrics metrics) {
        this.intervalMillis = Math.max(1, Math.round(1000.0 / rateHz));
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
            long due = slot.lastSentMillis + intervalMillis;
            if (now >= due && slot.waiting == null) {
                slot.lastSentMillis = now;
                send = t;
            } else {
                if (slot.waiting != null) {
                    metrics.inc(MqttMetrics.TELEMETRY_COALESCED);
                }
                slot.waiting = t;
                if (!slot.timerArmed) {
                    slot.timerArmed = true;
                    armIn = Math.max(0, due - now);
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

    private void flush(Slot slot) {
        Telemetry send;
        synchronized (slot) {
            slot.timerArmed = false;
            send = slot.waiting;
            slot.waiting = null;
            if (send != null) {
                slot.lastSentMillis = clock.millis();
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
