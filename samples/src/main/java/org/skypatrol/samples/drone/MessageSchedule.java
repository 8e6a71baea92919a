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

    /** Calls {@code send} for every message due at {@code seconds}, advancing its next due time. */
    public void due(double seconds, java.util.function.IntConsumer send) {
        for (Map.Entry<Integer, Double> e : nextDue.entrySet()) {
            double interval = intervals.get(e.getKey());
            if (Double.isInfinite(interval) || e.getValue() > seconds) {
                continue;
            }
            send.accept(e.getKey());
            double next = e.getValue() + interval;
            // after a stall, skip ahead rather than send a burst
            e.setValue(next <= seconds ? seconds + interval : next);
        }
    }
}
