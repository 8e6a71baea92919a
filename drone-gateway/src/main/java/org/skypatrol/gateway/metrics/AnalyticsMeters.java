package org.skypatrol.gateway.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.pipeline.StageTimings;
import org.skypatrol.gateway.analytics.LiveAnalytics;
import org.skypatrol.gateway.analytics.SourceCounters;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Live analytics per analysed source (label {@code source}): frames decoded, skipped by the analysis
 * rate, dropped because the analysis was behind, analysed; time per pipeline stage. Read from
 * {@link LiveAnalytics#counters()} once per scrape (a snapshot taken in {@link #bindTo}, which runs
 * right before each scrape) and from each pipeline's {@link StageTimings}.
 */
final class AnalyticsMeters implements MeterBinder {

    private final LiveAnalytics analytics;
    private volatile Map<String, SourceCounters> snapshot = Map.of();
    private final java.util.Set<String> bound = java.util.concurrent.ConcurrentHashMap.newKeySet();

    AnalyticsMeters(LiveAnalytics analytics) {
        this.analytics = analytics;
    }

    private double read(String source, ToDoubleFunction<SourceCounters> f) {
        SourceCounters c = snapshot.get(source);
        return c == null ? Double.NaN : f.applyAsDouble(c);
    }

    @Override
    public void bindTo(MeterRegistry r) {
        List<SourceCounters> now = analytics.counters();
        Map<String, SourceCounters> m = new java.util.HashMap<>();
        now.forEach(c -> m.put(c.sourceId(), c));
        snapshot = Map.copyOf(m);
        for (SourceCounters c : now) {
            String s = c.sourceId();
            if (!Meters.once(bound, "source:" + s)) {
                continue;
            }
            Tags t = Tags.of("source", s);
            counter(r, s, t, "skypatrol.analytics.decoded", "frames", "frames decoded by the analysis (own grabber or published stream's decoder)",
                    SourceCounters::decoded);
            counter(r, s, t, "skypatrol.analytics.skipped", "frames",
                    "decoded frames the analysis rate skipped (by design, not a loss)", SourceCounters::skipped);
            counter(r, s, t, "skypatrol.analytics.dropped", "frames",
                    "frames dropped (oldest first) because the analysis was behind: a loss", SourceCounters::dropped);
            counter(r, s, t, "skypatrol.analytics.analysed", "frames", "frames the pipeline analysed",
                    SourceCounters::analysed);
            counter(r, s, t, "skypatrol.analytics.without.pose", "frames",
                    "drone frames skipped because no pose was known at their time", SourceCounters::withoutPose);
            counter(r, s, t, "skypatrol.analytics.damaged", "frames", "damaged frames (decode errors)", SourceCounters::decodeErrors);
            counter(r, s, t, "skypatrol.analytics.reconnects", null, "re-opens of the analysed stream",
                    SourceCounters::reconnects);
            counter(r, s, t, "skypatrol.analytics.alert.phases", null,
                    "alert phases (start, update, end) published by the source", SourceCounters::alertPhases);
            counter(r, s, t, "skypatrol.analytics.store.failures", null,
                    "alert phases the alert store could not write (still published)", SourceCounters::storeFailures);
            counter(r, s, t, "skypatrol.analytics.cpu", "seconds", "CPU time of the source's decode and analysis threads",
                    SourceCounters::cpuSeconds);
            counter(r, s, t, "skypatrol.analytics.decode.cpu", "seconds",
                    "CPU time of the source's decode thread alone (decode, analysis-rate thinning, BGR conversion)",
                    SourceCounters::decodeCpuSeconds);
            counter(r, s, t, "skypatrol.analytics.dropped.gops", null,
                    "published stream: whole GOPs dropped before decoding because the decoder was behind: a loss",
                    SourceCounters::droppedGops);
            counter(r, s, t, "skypatrol.analytics.lost.units", "units",
                    "published stream: access units not decoded (in dropped GOPs, or before a keyframe)",
                    SourceCounters::lostUnits);
        }
        for (Map.Entry<String, StageTimings> e : analytics.stageTimings().entrySet()) {
            if (!Meters.once(bound, "stages:" + e.getKey())) {
                continue;
            }
            for (StageTimings.Stage stage : StageTimings.Stage.values()) {
                Tags t = Tags.of("source", e.getKey(), "stage", stage.name().toLowerCase(Locale.ROOT));
                Meters.counter(r, "skypatrol.analytics.stage", "seconds",
                        "wall time per pipeline stage (prepare, detect, track, rules, evidence); / calls = mean",
                        t, e.getValue(), x -> x.totalSeconds(stage));
                Meters.counter(r, "skypatrol.analytics.stage.calls", null, "calls of each pipeline stage", t,
                        e.getValue(), x -> x.calls(stage));
            }
        }
    }

    private void counter(MeterRegistry r, String source, Tags t, String name, String unit, String help,
                         ToDoubleFunction<SourceCounters> f) {
        Meters.counter(r, name, unit, help, t, this, m -> m.read(source, f));
    }

    /** Every behaviour id, for the alert counters that exist before the first alert. */
    static List<String> behaviours() {
        return java.util.Arrays.stream(Behaviour.values()).map(Behaviour::id).toList();
    }
}
