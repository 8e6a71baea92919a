package org.skypatrol.samples.scenegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-behaviour accuracy over the library: TP/FP/FN, precision, recall, F1 and start-time error,
 * plus how many of the behaviour's near-miss clips stayed silent about it. A false alarm counts
 * against the behaviour it claims, whichever clip it came from.
 */
public final class AccuracyReport {

    /** Running totals of one behaviour. */
    public static final class Row {
        int tp;
        int fp;
        int fn;
        int positiveClips;
        int nearMissClips;
        int nearMissClean;
        final List<Double> errors = new ArrayList<>();

        public int tp() {
            return tp;
        }

        public int fp() {
            return fp;
        }

        public int fn() {
            return fn;
        }

        public int nearMissClips() {
            return nearMissClips;
        }

        public int nearMissClean() {
            return nearMissClean;
        }

        /** Precision, or NaN when nothing was predicted. */
        public double precision() {
            return tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
        }

        /** Recall, or NaN when nothing was true. */
        public double recall() {
            return tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
        }

        /** F1; 1 when there was nothing to find and nothing was claimed, 0 when either side is empty otherwise. */
        public double f1() {
            if (tp + fp + fn == 0) {
                return 1;
            }
            return 2.0 * tp / (2.0 * tp + fp + fn);
        }

        public double meanAbsErrorSeconds() {
            return errors.stream().mapToDouble(Math::abs).average().orElse(Double.NaN);
        }

        public double maxAbsErrorSeconds() {
            return errors.stream().mapToDouble(Math::abs).max().orElse(Double.NaN);
        }

        public double meanSignedErrorSeconds() {
            return errors.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    /** One clip's line in the details. */
    public record ClipLine(String clip, String behaviour, String polarity, int truths, int predictedStarts, int tp,
                           int fp, int fn, String note) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<ClipLine> clips = new ArrayList<>();

    public AccuracyReport() {
        ScenarioLibrary.BEHAVIOURS.forEach(b -> rows.put(b, new Row()));
    }

    public Row row(String behaviour) {
        return rows.computeIfAbsent(behaviour, b -> new Row());
    }

    public Map<String, Row> rows() {
        return rows;
    }

    public List<ClipLine> clips() {
        return clips;
    }

    /** Adds one clip: its behaviour and polarity, its truth, and the predictions (null if it was not analysed). */
    public void add(String clip, String behaviour, Scenario.Polarity polarity, List<EventRecord> truth,
                    List<EventRecord> predicted, double toleranceSeconds, String note) {
        List<EventRecord> pred = predicted == null ? List.of() : predicted;
        Matcher.Result r = Matcher.match(truth, pred, toleranceSeconds);
        if (polarity == Scenario.Polarity.POSITIVE) {
            row(behaviour).positiveClips++;
        } else {
            Row row = row(behaviour);
            row.nearMissClips++;
            if (pred.stream().noneMatch(e -> e.isStart() && e.behaviour().equals(behaviour))) {
                row.nearMissClean++;
            }
        }
        for (Matcher.Pair p : r.matched()) {
            row(p.truth().behaviour()).tp++;
            row(p.truth().behaviour()).errors.add(p.errorSeconds());
        }
        r.missed().forEach(e -> row(e.behaviour()).fn++);
        r.falseAlarms().forEach(e -> row(e.behaviour()).fp++);
        clips.add(new ClipLine(clip, behaviour, polarity.id(), (int) truth.stream().filter(EventRecord::isStart).count(),
                (int) pred.stream().filter(EventRecord::isStart).count(), r.matched().size(), r.falseAlarms().size(),
                r.missed().size(), note != null ? note : errors(r)));
    }

    /** What went wrong in a clip, for its line: "FP speeding@6.0 s; FN speeding@2.5 s", empty when nothing did. */
    private static String errors(Matcher.Result r) {
        List<String> parts = new ArrayList<>();
        r.falseAlarms().forEach(e -> parts.add(String.format(Locale.ROOT, "FP %s@%.1f s", e.behaviour(), e.videoTimeSeconds())));
        r.missed().forEach(e -> parts.add(String.format(Locale.ROOT, "FN %s@%.1f s", e.behaviour(), e.videoTimeSeconds())));
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** The per-behaviour table (Markdown). */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append("| behaviour | clips (pos / near-miss) | TP | FP | FN | precision | recall | F1 | mean abs start error s "
                + "| max abs start error s | near misses silent | F1 >= 0.9 |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            tp += r.tp;
            fp += r.fp;
            fn += r.fn;
            b.append(String.format(Locale.ROOT, "| %s | %d / %d | %d | %d | %d | %s | %s | %s | %s | %s | %d / %d | %s |%n",
                    e.getKey(), r.positiveClips, r.nearMissClips, r.tp, r.fp, r.fn, f(r.precision()), f(r.recall()),
                    f(r.f1()), f(r.meanAbsErrorSeconds()), f(r.maxAbsErrorSeconds()), r.nearMissClean, r.nearMissClips,
                    r.f1() >= 0.9 ? "yes" : "**no**"));
        }
        double p = tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
        double rc = tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
        b.append(String.format(Locale.ROOT, "| **all** | | %d | %d | %d | %s | %s | %s | | | | |%n", tp, fp, fn, f(p), f(rc),
                f(tp + fp + fn == 0 ? 1 : 2.0 * tp / (2.0 * tp + fp + fn))));
        return b.toString();
    }

    /** The per-clip details (Markdown). */
    public String details() {
        StringBuilder b = new StringBuilder("| clip | polarity | truth starts | predicted starts | TP | FP | FN | note |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (ClipLine c : clips) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %s |%n", c.clip(), c.polarity(),
                    c.truths(), c.predictedStarts(), c.tp(), c.fp(), c.fn(), c.note() == null ? "" : c.note()));
        }
        return b.toString();
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
