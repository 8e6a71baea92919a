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
 * car stays one track (and one event) while the detector flickers. The detector's split and merged
 * blobs are handled by {@link SplitJoiner}, {@link TrackMerges} and {@link Pieces}; lost tracks are taken
 * up again by {@link LostTracks}.
 */
public final class Tracker {

    private final TrackerSettings settings;
    private final List<Track> tracks = new ArrayList<>();
    private final SplitJoiner joiner;
    private final TrackMerges merger;
    private final LostTracks lost;
    private int nextId = 1;
    private long created;
    private long expired;
    private long fragments;
    private long merges;
    private long reidentified;
    private long pieces;

    public Tracker(TrackerSettings settings) {
        this.settings = settings;
        this.joiner = new SplitJoiner(settings, tracks);
        this.merger = new TrackMerges(settings, tracks);
        this.lost = new LostTracks(settings);
    }

    /**
     * The video broke (AnalysisFrame#stream): every track, and every lost one kept for
     * re-identification, is forgotten. Ids go on counting, so an id never names two objects.
     */
    public void clear() {
        tracks.clear();
        lost.clear();
    }

    /** Feeds one frame's detections (time in seconds from the frame) and returns the confirmed live tracks. */
    public List<TrackSnapshot> update(double t, List<Detection> detectionsIn, GroundMapping mapping) {
        for (Track tr : tracks) {
            tr.predict(t);
        }
        List<Detection> detections = joiner.clean(t, detectionsIn, mapping);
        List<Optional<Vec2>> grounds = new ArrayList<>();
        for (Detection d : detections) {
            grounds.add(GroundPoints.groundOf(d, mapping));
        }
        Map<Integer, Track> assigned = associate(t, detections, grounds, mapping);
        List<Track> matched = new ArrayList<>(assigned.values());
        for (Map.Entry<Integer, Track> e : assigned.entrySet()) {
            updateMatched(t, detections.get(e.getKey()), grounds.get(e.getKey()).get(), e.getValue(), matched, mapping);
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!assigned.containsKey(i) && grounds.get(i).isPresent()) {
                takeUnmatched(t, detections.get(i), grounds.get(i).get(), matched, mapping);
            }
        }
        expire(t);
        List<TrackSnapshot> out = new ArrayList<>();
        for (Track tr : tracks) {
            if (tr.hits >= settings.minHits()) {
                out.add(tr.snapshot(t));
            }
        }
        return out;
    }

    /**
     * Pairs tracks with detections, best score first, each at most once: IoU of the predicted box when
     * it reaches {@code minIou}, else nearness on the ground within a gate; never farther than
     * {@link #hardGate}. Returns the track of each paired detection index, in pairing order.
     */
    private Map<Integer, Track> associate(double t, List<Detection> detections, List<Optional<Vec2>> grounds,
                                          GroundMapping mapping) {
        record Pair(Track track, int det, double score) {
        }
        List<Pair> pairs = new ArrayList<>();
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
        List<Track> used = new ArrayList<>();
        Map<Integer, Track> assigned = new LinkedHashMap<>();
        for (Pair p : pairs) {
            if (usedDet[p.det] || used.contains(p.track)) {
                continue;
            }
            usedDet[p.det] = true;
            used.add(p.track);
            assigned.put(p.det, p.track);
        }
        return assigned;
    }

    /**
     * Updates a track from the detection paired with it: a blob of two tracked objects updates both with
     * held boxes ({@link TrackMerges}); a piece of a standing vehicle confirms its whole, held box
     * ({@link Pieces}); anything else is measured.
     */
    private void updateMatched(double t, Detection d, Vec2 ground, Track tr, List<Track> matched, GroundMapping mapping) {
        Track partner = merger.partner(d, tr, t);
        if (partner != null) {
            merges++;                                   // two tracked objects in one blob: split it between them
            merger.update(t, d, tr, partner, matched, mapping);
            return;
        }
        if (Pieces.pieceOfStandingVehicle(d, tr)) {
            pieces++;                                   // seen, where it stands: the whole box stays
            Detection whole = Pieces.whole(d, tr);
            tr.update(t, whole, GroundPoints.groundOf(whole, mapping).orElse(ground),
                    GroundPoints.measurementVariance(whole, mapping), settings, true, true);
            return;
        }
        tr.update(t, d, ground, GroundPoints.measurementVariance(d, mapping), settings);
        if (!joiner.isJoined(d)) {
            tr.seenWhole(d);
        }
    }

    /**
     * A detection no track took: a fragment of a matched track (dropped), the newly static part of a
     * car whose track coasted on past where it stopped, a lost track seen again, or a new track.
     */
    private void takeUnmatched(double t, Detection d, Vec2 ground, List<Track> matched, GroundMapping mapping) {
        if (Pieces.isFragment(d, matched)) {
            fragments++;                                // a split blob of an object already tracked
            return;
        }
        Track coaster = Pieces.stoppedCoaster(t, d, tracks, matched, settings.minHits());
        Track old = coaster != null ? null : lost.reidentify(t, ground, mapping.metresPerPixel(d.box().foot()));
        if (coaster != null) {
            coaster.revive(t);
            coaster.update(t, d, ground, GroundPoints.measurementVariance(d, mapping), settings);
            reidentified++;
        } else if (old != null) {
            old.revive(t);
            old.update(t, d, ground, GroundPoints.measurementVariance(d, mapping), settings);
            tracks.add(old);
            reidentified++;
        } else {
            tracks.add(new Track(nextId++, t, d, ground));
            created++;
        }
    }

    /** Removes tracks missing longer than their limit (young, moving or stationary); slow ones may come back. */
    private void expire(double t) {
        for (Iterator<Track> it = tracks.iterator(); it.hasNext();) {
            Track tr = it.next();
            double missed = t - tr.lastSeen();
            double limit = tr.hits < settings.minHits() ? 0.5 : tr.stationary() ? settings.maxMissedStationarySeconds()
                    : settings.maxMissedMovingSeconds();
            if (missed > limit) {
                it.remove();
                expired++;
                lost.offer(tr);
            }
        }
        lost.prune(t);
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

    public long created() {
        return created;
    }

    /** Unmatched detections not started as tracks because they lay inside a matched track's box. */
    public long fragments() {
        return fragments;
    }

    /** Detection pieces joined into the detection of the tracked object they lay inside. */
    public long splitsMerged() {
        return joiner.splitsMerged();
    }

    /** Still detections dropped because they lay inside a larger still detection of the same frame. */
    public long nested() {
        return joiner.nested();
    }

    /** Detections taken as pieces of a standing vehicle's track: seen, not moved. */
    public long pieces() {
        return pieces;
    }

    /** Lost tracks taken up again by a new detection where they were lost (instead of a new track). */
    public long reidentified() {
        return reidentified;
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
