package org.skypatrol.analytics.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Accumulated wall time and call count per pipeline stage (for the progress line and metrics). */
public final class StageTimings {

    public enum Stage { PREPARE, DETECT, TRACK, RULES, EVIDENCE }

    private final Map<Stage, AtomicLong> nanos = new LinkedHashMap<>();
    private final Map<Stage, AtomicLong> calls = new LinkedHashMap<>();

    public StageTimings() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new AtomicLong());
            calls.put(s, new AtomicLong());
        }
    }

    public void add(Stage s, long elapsedNanos) {
        nanos.get(s).addAndGet(elapsedNanos);
        calls.get(s).incrementAndGet();
    }

    /** Mean milliseconds per call of a stage. */
    public double meanMillis(Stage s) {
        long n = calls.get(s).get();
        return n == 0 ? 0 : nanos.get(s).get() / 1e6 / n;
    }

    /** Calls of a stage since start. */
    public long calls(Stage s) {
        return calls.get(s).get();
    }

    public double totalSeconds(Stage s) {
        return nanos.get(s).get() / 1e9;
    }

    public Map<String, Double> meanMillis() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            m.put(s.name().toLowerCase(java.util.Locale.ROOT), meanMillis(s));
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Stage s : Stage.values()) {
            b.append(s.name().toLowerCase(java.util.Locale.ROOT)).append('=')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", meanMillis(s))).append("ms ");
        }
        return b.toString().trim();
    }
}
