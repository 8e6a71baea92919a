package org.skypatrol.analytics.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.skypatrol.analytics.detect.Box;

/**
 * CLEAR-MOT and identity metrics against MOTChallenge ground truth, over the evaluated frames only:
 * detection precision/recall (IoU ≥ 0.5, greedy by IoU), MOTA = 1 − (FN + FP + IDSW) / GT, and IDF1
 * = 2·IDTP / (GT + predictions) with the GT-id ↔ track-id assignment made greedily by co-occurrence
 * (an approximation of the optimal bipartite assignment, never higher than it).
 */
public final class MotMetrics {

    /** A labelled box of one frame (ground truth id or track id; -1 for plain detections). */
    public record Labelled(int id, Box box) {
    }

    private long gt;
    private long detTp;
    private long detFp;
    private long detFn;
    private long trkTp;
    private long trkFp;
    private long trkFn;
    private long idsw;
    private long predicted;
    private final Map<Integer, Integer> lastMatch = new HashMap<>();
    private final Map<Long, Integer> cooccurrence = new HashMap<>();

    /** Adds one evaluated frame. */
    public void add(List<Labelled> truth, List<Labelled> detections, List<Labelled> tracks) {
        gt += truth.size();
        int[] d = match(truth, detections, null);
        detTp += d[0];
        detFp += detections.size() - d[0];
        detFn += truth.size() - d[0];
        Map<Integer, Integer> pairs = new HashMap<>();
        int[] t = match(truth, tracks, pairs);
        trkTp += t[0];
        trkFp += tracks.size() - t[0];
        trkFn += truth.size() - t[0];
        predicted += tracks.size();
        for (Map.Entry<Integer, Integer> e : pairs.entrySet()) {
            Integer before = lastMatch.put(e.getKey(), e.getValue());
            if (before != null && !before.equals(e.getValue())) {
                idsw++;
            }
            cooccurrence.merge(((long) e.getKey() << 32) | (e.getValue() & 0xffffffffL), 1, Integer::sum);
        }
    }

    private static int[] match(List<Labelled> truth, List<Labelled> pred, Map<Integer, Integer> pairs) {
        record Cand(int t, int p, double iou) {
        }
        List<Cand> c = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            for (int j = 0; j < pred.size(); j++) {
                double iou = truth.get(i).box().iou(pred.get(j).box());
                if (iou >= 0.5) {
                    c.add(new Cand(i, j, iou));
                }
            }
        }
        c.sort(Comparator.comparingDouble(Cand::iou).reversed());
        Set<Integer> ut = new HashSet<>();
        Set<Integer> up = new HashSet<>();
        int tp = 0;
        for (Cand x : c) {
            if (ut.contains(x.t()) || up.contains(x.p())) {
                continue;
            }
            ut.add(x.t());
            up.add(x.p());
            tp++;
            if (pairs != null) {
                pairs.put(truth.get(x.t()).id(), pred.get(x.p()).id());
            }
        }
        return new int[] {tp};
    }

    public double precision() {
        return detTp + detFp == 0 ? 0 : detTp / (double) (detTp + detFp);
    }

    public double recall() {
        return detTp + detFn == 0 ? 0 : detTp / (double) (detTp + detFn);
    }

    public double mota() {
        return gt == 0 ? 0 : 1 - (trkFn + trkFp + idsw) / (double) gt;
    }

    public double idf1() {
        List<Map.Entry<Long, Integer>> e = new ArrayList<>(cooccurrence.entrySet());
        e.sort(Map.Entry.<Long, Integer>comparingByValue().reversed());
        Set<Integer> usedGt = new HashSet<>();
        Set<Integer> usedTr = new HashSet<>();
        long idtp = 0;
        for (Map.Entry<Long, Integer> x : e) {
            int g = (int) (x.getKey() >> 32);
            int t = (int) (long) x.getKey();
            if (usedGt.add(g) && usedTr.add(t)) {
                idtp += x.getValue();
            } else {
                usedGt.remove(g);
                usedGt.add(g);
            }
        }
        return gt + predicted == 0 ? 0 : 2.0 * idtp / (gt + predicted);
    }

    public long idSwitches() {
        return idsw;
    }

    public long groundTruth() {
        return gt;
    }

    public double trackPrecision() {
        return trkTp + trkFp == 0 ? 0 : trkTp / (double) (trkTp + trkFp);
    }

    public double trackRecall() {
        return gt == 0 ? 0 : trkTp / (double) gt;
    }
}
