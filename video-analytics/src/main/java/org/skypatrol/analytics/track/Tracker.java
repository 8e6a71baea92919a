package org.skypatrol.analytics.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Vec2;

/**
 * Multi-object tracker: constant-velocity Kalman filters on the ground plane (metres) for position,
 * speed and heading; association by greedy best-first matching on the overlap of each track's
 * predicted pixel box with the detections (IoU, with a centre-distance fallback for small fast
 * objects). Moving tracks coast through short occlusions; stationary tracks live longer, so a parked
 * car stays one track (and one event) while the detector flickers.
 */
public final class Tracker {

    private final TrackerSettings settings;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;
    private long created;
    private long expired;
    private long fragments;
    private long merges;
    private static final double MERGE_AREA_RATIO = 1.6;

    public Tracker(TrackerSettings settings) {
        this.settings = settings;
    }

    /** Feeds one frame's detections (time in seconds from the frame) and returns the live tracks. */
    public List<TrackSnapshot> update(double t, List<Detection> detections, GroundMapping mapping) {
        for (Track tr : tracks) {
            tr.predict(t);
        }
        record Pair(Track track, int det, double score) {
        }
        List<Pair> pairs = new ArrayList<>();
        List<Optional<Vec2>> grounds = new ArrayList<>();
        for (Detection d : detections) {
            grounds.add(groundOf(d, mapping));
        }
        for (Track tr : tracks) {
            var pb = tr.predictedBox(t);
            Vec2 predicted = tr.ground();               // after predict(): where the filter expects it now
            for (int i = 0; i < detections.size(); i++) {
                if (grounds.get(i).isEmpty()) {
                    continue;
                }
                var db = detections.get(i).box();
                double size = SizeClassifier.measure(db, mapping).map(SizeClassifier.GroundSize::longest).orElse(1.0);
                double dist = grounds.get(i).get().distance(predicted);
                if (dist > hardGate(tr, t, size, mapping.metresPerPixel(db.foot()))) {
                    continue;                           // an overlapping box far away on the ground is another object
                }
                double iou = pb.iou(db);
                double score = -1;
                if (iou >= settings.minIou()) {
                    score = 1 + iou;
                } else {
                    // ground gate: a margin, the object's own size (fast objects leave their box between
                    // analysed frames) and the filter's expected travel
                    double gate = 1.0 + 1.5 * Math.min(size, 6) + tr.velocity().length() * (t - tr.lastSeen()) * 0.5;
                    if (dist < gate) {
                        score = 1 - dist / gate;
                    }
                }
                if (score > 0) {
                    pairs.add(new Pair(tr, i, score));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).reversed());
        boolean[] usedDet = new boolean[detections.size()];
        List<Track> matched = new ArrayList<>();
        Map<Integer, Track> assigned = new LinkedHashMap<>();
        for (Pair p : pairs) {
            if (usedDet[p.det] || matched.contains(p.track)) {
                continue;
            }
            usedDet[p.det] = true;
            matched.add(p.track);
            assigned.put(p.det, p.track);
        }
        for (Map.Entry<Integer, Track> e : assigned.entrySet()) {
            Detection d = detections.get(e.getKey());
            Track tr = e.getValue();
            if (isMerge(d, tr, t)) {
                merges++;                               // two tracked objects in one blob: both coast
                matched.remove(tr);
                continue;
            }
            tr.update(t, d, grounds.get(e.getKey()).get(), measurementVariance(d, mapping), settings);
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!usedDet[i]) {
                Detection d = detections.get(i);
                Optional<Vec2> g = grounds.get(i);
                if (g.isPresent() && isFragment(d, matched)) {
                    fragments++;                        // a split blob of an object already tracked
                } else if (g.isPresent()) {
                    tracks.add(new Track(nextId++, t, d, g.get()));
                    created++;
                }
            }
        }
        for (Iterator<Track> it = tracks.iterator(); it.hasNext();) {
            Track tr = it.next();
            double missed = t - tr.lastSeen();
            double limit = tr.hits < settings.minHits() ? 0.5 : tr.stationary() ? settings.maxMissedStationarySeconds()
                    : settings.maxMissedMovingSeconds();
            if (missed > limit) {
                it.remove();
                expired++;
            }
        }
        List<TrackSnapshot> out = new ArrayList<>();
        for (Track tr : tracks) {
            if (tr.hits >= settings.minHits()) {
                out.add(tr.snapshot(t));
            }
        }
        return out;
    }

    /**
     * Largest ground distance (metres) between a track's predicted position and a detection it may
     * take: a margin and half the object's size, ten pixels of foot-point jitter at the detection's
     * ground scale, and the unknown acceleration since the track was last seen (a young track's
     * velocity is not known yet, so it may have moved at up to 30 m/s).
     */
    private double hardGate(Track tr, double t, double size, double metresPerPixel) {
        double dt = Math.max(0.2, t - tr.lastSeen());
        double mpp = Double.isFinite(metresPerPixel) ? metresPerPixel : 0.1;
        double travel = tr.hits < settings.minHits() ? 30 * dt : (3 + 0.5 * tr.velocity().length()) * dt;
        return 1.5 + 0.5 * Math.min(size, 12) + 10 * mpp + travel;
    }

    /**
     * Whether a detection matched to {@code tr} is a blob of two tracked objects: it is much larger
     * than the track's own box and also covers most of another confirmed live track's predicted box.
     * Its foot point is neither object's, so neither is updated from it (both coast through the
     * merge like through an occlusion) and no new track starts from it.
     */
    private boolean isMerge(Detection d, Track tr, double t) {
        if (tr.hits < settings.minHits() || d.box().area() < MERGE_AREA_RATIO * tr.box().area()
                || tr.predictedBox(t).coveredBy(d.box()) < 0.6) {
            return false;
        }
        for (Track o : tracks) {
            if (o != tr && o.hits >= settings.minHits() && t - o.lastSeen() <= settings.maxMissedMovingSeconds()
                    && o.predictedBox(t).coveredBy(d.box()) >= 0.6) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an unmatched detection lies mostly inside the box of a track matched in this frame: the
     * classical detector splits one vehicle into several blobs (and its moving and newly-static masks
     * overlap), and every such piece starting its own track restarts the rules for the same object.
     */
    private static boolean isFragment(Detection d, List<Track> matched) {
        for (Track tr : matched) {
            if (d.box().coveredBy(tr.box()) >= 0.5) {
                return true;
            }
        }
        return false;
    }

    /** Ground point of a detection: box centre in straight-down views, bottom centre otherwise. */
    static Optional<Vec2> groundOf(Detection d, GroundMapping mapping) {
        var size = SizeClassifier.measure(d.box(), mapping);
        Vec2 px = size.isPresent() && size.get().nadir() ? d.box().centre() : d.box().foot();
        return mapping.toGround(px);
    }

    private static double measurementVariance(Detection d, GroundMapping mapping) {
        double mpp = mapping.metresPerPixel(d.box().foot());
        double sigma = Double.isFinite(mpp) ? Math.max(0.15, 2 * mpp) : 0.5;
        return sigma * sigma;
    }

    public long created() {
        return created;
    }

    /** Unmatched detections not started as tracks because they lay inside a matched track's box. */
    public long fragments() {
        return fragments;
    }

    /** Detections that merged two tracked objects and so updated neither. */
    public long merges() {
        return merges;
    }

    public long expired() {
        return expired;
    }

    public int live() {
        return tracks.size();
    }
}
