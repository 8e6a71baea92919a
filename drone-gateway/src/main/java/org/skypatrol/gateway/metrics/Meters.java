package org.skypatrol.gateway.metrics;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Registration shorthands: every meter of the gateway reads a counter or a state that its part already
 * keeps (no second count, no lock on a hot path). Binders run before every scrape to pick up new
 * endpoints, sources or transports; each remembers what it registered ({@link #once}), since
 * Micrometer ignores a second registration of an id but warns about it.
 *
 * <p>Names are dotted here; the Prometheus registry writes them in snake case, adds the base unit
 * and, for counters, {@code _total} ({@code skypatrol.video.recorded} with unit bytes becomes
 * {@code skypatrol_video_recorded_bytes_total}).
 */
final class Meters {

    private Meters() {
    }

    /**
     * A monotonic count read from {@code source}. Micrometer holds {@code source} weakly: pass the
     * long-lived object that owns the counter (an endpoint's stats, a feed), never a temporary.
     */
    static <T> void counter(MeterRegistry r, String name, String unit, String help, Tags tags, T source,
                            ToDoubleFunction<T> read) {
        FunctionCounter.builder(name, source, read).baseUnit(unit).description(help).tags(tags).register(r);
    }

    /** A value that goes up and down, read from {@code source} (held strongly: lambdas are fine). */
    static <T> void gauge(MeterRegistry r, String name, String unit, String help, Tags tags, T source,
                          ToDoubleFunction<T> read) {
        Gauge.builder(name, source, read).baseUnit(unit).description(help).tags(tags).strongReference(true)
                .register(r);
    }

    /** True the first time {@code key} is seen in {@code bound}: register then, skip afterwards. */
    static boolean once(java.util.Set<String> bound, String key) {
        return bound.add(key);
    }

    /** 1 or 0. */
    static double bit(boolean b) {
        return b ? 1 : 0;
    }
}
