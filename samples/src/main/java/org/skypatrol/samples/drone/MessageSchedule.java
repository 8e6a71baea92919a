package org.skypatrol.samples.drone;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which messages a simulated drone sends and how often (interval in seconds per message id). The
 * gateway can change an interval with SET_MESSAGE_INTERVAL; only the messages the simulator can
 * produce are accepted. Thread-confined to the simulator's event loop.
 */
public final class MessageSchedule {

    private final Map<Integer, Double> defaults = new TreeMap<>();
    private final Map<Integer, Double> intervals = new TreeMap<>();
    private final Map<Integer, Double> nextDue = new TreeMap<>();

    /** Adds a message at its default rate ({@code rateHz} > 0); the first send is at {@code phase} seconds. */
    public MessageSchedule add(int messageId, double rateHz, double phase) {
        defaults.put(messageId, 1 / rateHz);
        intervals.put(messageId, 1 / rateHz);
        nextDue.put(messageId, phase);
        return this;
    }

    /**
     * Applies SET_MESSAGE_INTERVAL: {@code intervalMicros} > 0 sets it, 0 restores the default, -1
     * stops the message. Returns false for a message this drone cannot send.
     */
    public boolean setInterval(int messageId, float intervalMicros) {
        if (!defaults.containsKey(messageId)) {
            return false;
        }
        if (intervalMicros < 0) {
            intervals.put(messageId, Double.POSITIVE_INFINITY);
        } else if (intervalMicros == 0) {
            intervals.put(messageId, defaults.get(messageId));
        } else {
            intervals.put(messageId, intervalMicros / 1e6);
        }
        return true;
    }

    /** The current interval in seconds (infinite when stopped). */
    public double intervalSeconds(int messageId) {
        return intervals.getOrDefault(messageId, Double.POSITIVE_INFINITY);
    }

    /** Backlog a late tick still sends: up to one second, as a drone's own send queue would hold. */
    static final double MAX_CATCH_UP_SECONDS = 1.0;

    /**
     * Calls {@code send} for every message due at {@code seconds}, advancing its next due time by
     * whole intervals: a tick that comes late (a loaded machine) sends what fell due meanwhile, so the
     * average rate holds; beyond {@link #MAX_CATCH_UP_SECONDS} of backlog the rest is skipped.
     */
    public void due(double seconds, java.util.function.IntConsumer send) {
        for (Map.Entry<Integer, Double> e : nextDue.entrySet()) {
            double interval = intervals.get(e.getKey());
            if (Double.isInfinite(interval)) {
                continue;
            }
            double next = e.getValue();
            if (next < seconds - MAX_CATCH_UP_SECONDS) {
                next = seconds - MAX_CATCH_UP_SECONDS;
            }
            while (next <= seconds) {
                send.accept(e.getKey());
                next += interval;
            }
            e.setValue(next);
        }
    }
}
