package org.skypatrol.samples.scenegen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Matches predicted alert starts to true ones in one clip. A prediction matches a truth when it is a
 * {@code start} of the same behaviour, in the same zone when the truth names one (zone-based rules),
 * and starts within ±tolerance seconds. Each truth and each prediction is used at most once; among
 * candidate pairs the closest in time win (greedy on |Δt|, which is optimal enough for the handful
 * of alerts per clip). Unmatched truths are misses (FN), unmatched predictions false alarms (FP).
 */
public final class Matcher {

    /** A matched pair and its start-time error (predicted − true, seconds). */
    public record Pair(EventRecord truth, EventRecord predicted, double errorSeconds) {
    }

    /** The outcome for one clip. */
    public record Result(List<Pair> matched, List<EventRecord> missed, List<EventRecord> falseAlarms) {
        public Result {
            matched = List.copyOf(matched);
            missed = List.copyOf(missed);
            falseAlarms = List.copyOf(falseAlarms);
        }
    }

    private Matcher() {
    }

    public static Result match(List<EventRecord> truth, List<EventRecord> predicted, double toleranceSeconds) {
        List<EventRecord> t = truth.stream().filter(EventRecord::isStart).toList();
        List<EventRecord> p = predicted.stream().filter(EventRecord::isStart).toList();
        List<int[]> candidates = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            for (int j = 0; j < p.size(); j++) {
                if (compatible(t.get(i), p.get(j), toleranceSeconds)) {
                    candidates.add(new int[] {i, j});
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(
                (int[] c) -> Math.abs(p.get(c[1]).videoTimeSeconds() - t.get(c[0]).videoTimeSeconds()))
                .thenComparingInt(c -> c[0]).thenComparingInt(c -> c[1]));
        boolean[] usedT = new boolean[t.size()];
        boolean[] usedP = new boolean[p.size()];
        List<Pair> matched = new ArrayList<>();
        for (int[] c : candidates) {
            if (!usedT[c[0]] && !usedP[c[1]]) {
                usedT[c[0]] = true;
                usedP[c[1]] = true;
                EventRecord te = t.get(c[0]);
                EventRecord pe = p.get(c[1]);
                matched.add(new Pair(te, pe, pe.videoTimeSeconds() - te.videoTimeSeconds()));
            }
        }
        List<EventRecord> missed = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (!usedT[i]) {
                missed.add(t.get(i));
            }
        }
        List<EventRecord> falseAlarms = new ArrayList<>();
        for (int j = 0; j < p.size(); j++) {
            if (!usedP[j]) {
                falseAlarms.add(p.get(j));
            }
        }
        return new Result(matched, missed, falseAlarms);
    }

    static boolean compatible(EventRecord truth, EventRecord predicted, double toleranceSeconds) {
        return truth.behaviour().equals(predicted.behaviour())
                && (truth.zoneId() == null || Objects.equals(truth.zoneId(), predicted.zoneId()))
                && Math.abs(predicted.videoTimeSeconds() - truth.videoTimeSeconds()) <= toleranceSeconds;
    }
}
