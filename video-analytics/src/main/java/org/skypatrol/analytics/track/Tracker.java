package org.skypatrol.analytics.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.detect.ObjectClass;
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
    private long reidentified;
    private long splitsMerged;
    private long nested;
    private long pieces;
    private final List<Track> lost = new ArrayList<>();
    private static final double MERGE_AREA_RATIO = 1.6;
    /** This frame's detections that are unions of a track's pieces ({@link #mergeSplits}), by identity. */
    private final Set<Detection> joined = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** Pixels of foot-point jitter around a standing vehicle's box within which a static piece is its fragment. */
    static final double FRAGMENT_MARGIN_PX = 10;
    /**
     * Share of a piece of a standing group that changed since the previous frame above which its people
     * are moving (walking changes 0.7-1 of a blob at 5 fps, people standing or milling about 0.2-0.45):
     * such a piece holds only its own people, not those the group held (a group dispersing).
     */
    static final double MOVING_PIECE_CHANGE = 0.6;

    public Tracker(TrackerSettings settings) {
        this.settings = settings;
    }

    /** Feeds one frame's detections (time in seconds from the frame) and returns the live tracks. */
    /**
     * The video broke (AnalysisFrame#stream): every track, and every lost one kept for
     * re-identification, is forgotten. Ids go on counting, so an id never names two objects.
     */
    public void clear() {
        tracks.clear();
        lost.clear();
    }

    public List<TrackSnapshot> update(double t, List<Detection> detectionsIn, GroundMapping mapping) {
        for (Track tr : tracks) {
            tr.predict(t);
        }
        List<Detection> detections = mergeSplits(t, withoutNested(detectionsIn), mapping);
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
            Track partner = mergePartner(d, tr, t);
            if (partner != null) {
                merges++;                               // two tracked objects in one blob: split it between them
                updateFromMerge(t, d, tr, partner, matched, mapping);
                continue;
            }
            if (pieceOfStandingVehicle(d, tr)) {
                pieces++;                               // seen, where it stands: the whole box stays
                // a piece of a standing group holds part of its people, the others faded into the
                // background while standing: the whole keeps what it held; a piece most of which is
                // changing is people moving, walking or running off, and holds only its own
                double people = d.changing() > MOVING_PIECE_CHANGE ? d.people() : Math.max(d.people(), tr.people());
                Detection whole = new Detection(tr.box(), tr.cls(), d.score(), d.staticObject(), people, d.changing());
                tr.update(t, whole, groundOf(whole, mapping).orElse(grounds.get(e.getKey()).get()),
                        measurementVariance(whole, mapping), settings);
                continue;
            }
            tr.update(t, d, grounds.get(e.getKey()).get(), measurementVariance(d, mapping), settings);
            if (!joined.contains(d)) {
                tr.seenWhole(d);
            }
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!usedDet[i]) {
                Detection d = detections.get(i);
                Optional<Vec2> g = grounds.get(i);
                if (g.isPresent() && isFragment(d, matched)) {
                    fragments++;                        // a split blob of an object already tracked
                } else if (g.isPresent()) {
                    Track coaster = stoppedCoaster(t, d, matched);
                    Track old = coaster != null ? null : reidentify(t, g.get(), mapping.metresPerPixel(d.box().foot()));
                    if (coaster != null) {
                        coaster.revive(t);
                        coaster.update(t, d, g.get(), measurementVariance(d, mapping), settings);
                        reidentified++;
                    } else if (old != null) {
                        old.revive(t);
                        old.update(t, d, g.get(), measurementVariance(d, mapping), settings);
                        tracks.add(old);
                        reidentified++;
                    } else {
                        tracks.add(new Track(nextId++, t, d, g.get()));
                        created++;
                    }
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
                if (tr.hits >= settings.minHits() && (tr.stationary() || tr.velocity().length() < settings.reidMaxSpeedMps())) {
                    lost.add(tr);
                }
            }
        }
        lost.removeIf(tr -> t - tr.lastSeen() > settings.reidSeconds());
        List<TrackSnapshot> out = new ArrayList<>();
        for (Track tr : tracks) {
            if (tr.hits >= settings.minHits()) {
                out.add(tr.snapshot(t));
            }
        }
        return out;
    }

    /**
     * Drops a still detection lying mostly (70 %) inside a larger still one: when something stops, the
     * classical detector's moving mask (foreground, no longer changing) and its newly static mask both
     * find it, and the smaller blob, taken by the object's track, would leave the larger one to start a
     * second, never-moved track of the same object. A moving blob (a person beside the bag they put
     * down) keeps what lies inside it.
     */
    private List<Detection> withoutNested(List<Detection> dets) {
        if (dets.size() < 2) {
            return dets;
        }
        List<Detection> out = new ArrayList<>(dets.size());
        for (Detection d : dets) {
            boolean inside = false;
            for (Detection o : dets) {
                if (o != d && d.staticObject() && o.staticObject() && o.box().area() > d.box().area()
                        && d.box().coveredBy(o.box()) >= 0.7) {
                    inside = true;
                    break;
                }
            }
            if (inside) {
                nested++;
            } else {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * Joins the pieces of one tracked vehicle: when two or more detections each lie mostly (70 %)
     * inside the predicted box (grown by 10 %) of the same confirmed car/bus/truck track (not a
     * person, whose bag put down beside them is an object of its own; for a standing vehicle only
     * when the union keeps its ground point within {@code stationaryMetres}), and mostly (50 %) inside
     * no other track's, they become one detection, their union, if that union is no larger than 1.3
     * times the predicted box, and, when every piece is people-shaped ({@link Detection#people()} >= 1),
     * no larger than 1.3 times the box the track had when last seen as one blob: unions joined frame
     * after frame would ratchet the box up, and the people of a group (voted car or truck) that walks
     * or runs apart would all stay one track. (A vehicle's pieces, body and shadow or front and rear,
     * are rarely all person-shaped; a car creeping towards the camera in a queue grows legitimately.) The classical detector splits a stopping car into its moving and
     * newly-static parts and a car into body and shadow; each piece matching alone moves the track's
     * foot point and the others start tracks that re-alert for the same object.
     */
    private List<Detection> mergeSplits(double t, List<Detection> dets, GroundMapping mapping) {
        joined.clear();
        if (dets.size() < 2) {
            return dets;
        }
        List<Detection> out = new ArrayList<>(dets);
        for (Track tr : tracks) {
            if (tr.hits < settings.minHits() || !tr.cls().isMotorVehicle()) {
                continue;                               // people beside their bags, still objects: pieces are objects
            }
            Box pb = tr.predictedBox(t);
            Box grown = new Box(pb.x() - 0.05 * pb.w(), pb.y() - 0.05 * pb.h(), 1.1 * pb.w(), 1.1 * pb.h());
            List<Detection> pieces = new ArrayList<>();
            for (Detection d : out) {
                if (d.box().coveredBy(grown) >= 0.7 && !claimedByOther(d, tr, grown, t)) {
                    pieces.add(d);
                }
            }
            if (pieces.size() < 2) {
                continue;
            }
            Box u = pieces.get(0).box();
            Detection biggest = pieces.get(0);
            for (Detection d : pieces) {
                u = union(u, d.box());
                if (d.box().area() > biggest.box().area()) {
                    biggest = d;
                }
            }
            boolean people = pieces.stream().allMatch(d -> d.people() >= 1);
            if (u.area() > 1.3 * (people ? Math.min(pb.area(), tr.wholeArea()) : pb.area())
                    || biggerVehicle(u, tr, mapping)) {
                continue;
            }
            if (tr.stationary()) {
                Optional<Vec2> ug = groundOf(new Detection(u, biggest.cls(), 1, false), mapping);
                if (ug.isEmpty() || ug.get().distance(tr.ground()) > settings.stationaryMetres()) {
                    continue;                           // the union would move a standing vehicle: leave the pieces
                }
            }
            ObjectClass cls = biggest.cls();            // the detector's word; the track's votes settle the class
            boolean still = pieces.stream().allMatch(Detection::staticObject);
            double score = pieces.stream().mapToDouble(Detection::score).max().orElse(biggest.score());
            out.removeAll(pieces);
            double held = pieces.stream().mapToDouble(Detection::people).sum();
            double area = pieces.stream().mapToDouble(d -> d.box().area()).sum();
            double changing = pieces.stream().mapToDouble(d -> d.changing() * d.box().area()).sum() / Math.max(1e-9, area);
            Detection union = new Detection(u, cls, score, still, held, changing);
            out.add(union);
            joined.add(union);
            splitsMerged += pieces.size() - 1;
        }
        return out;
    }

    /**
     * Whether the union of pieces measures as a bigger vehicle than the car track they would join: two
     * cars one behind the other (a queue, a rear-end collision) overlap in an oblique view and their
     * union stands as tall as a truck; the pieces of one car (body and shadow, front and rear seen
     * from above) still measure as a car.
     */
    private static boolean biggerVehicle(Box union, Track tr, GroundMapping mapping) {
        return tr.cls() == ObjectClass.CAR
                && SizeClassifier.measure(union, mapping).map(SizeClassifier::longerThanACar).orElse(false);
    }

    /** Whether another confirmed track, not itself nested inside {@code selfBox} (a fragment), holds the detection. */
    private boolean claimedByOther(Detection d, Track self, Box selfBox, double t) {
        for (Track o : tracks) {
            if (o != self && o.hits >= settings.minHits() && d.box().coveredBy(o.predictedBox(t)) >= 0.5
                    && o.predictedBox(t).coveredBy(selfBox) < 0.7) {
                return true;
            }
        }
        return false;
    }

    private static Box union(Box a, Box b) {
        double x0 = Math.min(a.x(), b.x());
        double y0 = Math.min(a.y(), b.y());
        double x1 = Math.max(a.x() + a.w(), b.x() + b.w());
        double y1 = Math.max(a.y() + a.h(), b.y() + b.h());
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * A confirmed track lost while slow or stationary, within {@code reidSeconds}, whose last observed
     * (or coasted) position is within {@code reidMetres} (plus ten pixels at the ground scale) of a new detection: the same
     * object seen again (a stopping car fades from the moving mask before it appears as newly static;
     * without this every such gap makes a new track and re-alerts). The nearest wins; it leaves the list.
     */
    private Track reidentify(double t, Vec2 ground, double metresPerPixel) {
        double mpp = Double.isFinite(metresPerPixel) ? metresPerPixel : 0.1;
        Track best = null;
        double bestDist = settings.reidMetres() + 10 * mpp;
        for (Track tr : lost) {
            double d = Math.min(tr.ground().distance(ground), tr.lastObservedGround().distance(ground));
            if (t - tr.lastSeen() <= settings.reidSeconds() && d <= bestDist) {
                best = tr;
                bestDist = d;
            }
        }
        lost.remove(best);
        return best;
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
    private Track mergePartner(Detection d, Track tr, double t) {
        if (tr.hits < settings.minHits() || d.box().area() < MERGE_AREA_RATIO * tr.box().area()
                || tr.predictedBox(t).coveredBy(d.box()) < 0.6) {
            return null;
        }
        for (Track o : tracks) {
            if (o != tr && o.hits >= settings.minHits() && t - o.lastSeen() <= settings.maxMissedMovingSeconds()
                    && o.predictedBox(t).coveredBy(d.box()) >= 0.6) {
                return o;
            }
        }
        return null;
    }

    /**
     * Updates two tracks from the one blob they merged into, each with a box of its own size: the
     * track nearer the camera (lower predicted box bottom in the image) stands on the blob's bottom
     * edge, the farther one keeps its predicted box, held inside the blob. Two cars that touch (a
     * rear-end collision, a queue) stay two tracks with plausible positions instead of one blob whose
     * foot belongs to neither. A partner already matched in this frame keeps its own detection.
     */
    private void updateFromMerge(double t, Detection d, Track tr, Track partner, List<Track> matched, GroundMapping mapping) {
        Box blob = d.box();
        Box a = tr.predictedBox(t);
        Box b = partner.predictedBox(t);
        boolean trNearer = a.y() + a.h() >= b.y() + b.h();
        Box near = trNearer ? a : b;
        Box far = trNearer ? b : a;
        double bottom = blob.y() + blob.h();
        Box nearBox = new Box(clampX(near, blob), bottom - near.h(), near.w(), near.h());
        Box farBox = new Box(clampX(far, blob), Math.min(far.y(), bottom - far.h()), far.w(), far.h());
        // the people a blob of people holds are shared by box area (PeopleEstimate)
        double total = Math.max(1e-9, nearBox.area() + farBox.area());
        Box own = trNearer ? nearBox : farBox;
        Box other = trNearer ? farBox : nearBox;
        pseudoUpdate(t, tr, own, d, d.people() * own.area() / total, mapping);
        if (!matched.contains(partner)) {
            matched.add(partner);
            pseudoUpdate(t, partner, other, d, d.people() * other.area() / total, mapping);
        }
    }

    private static double clampX(Box own, Box blob) {
        return Math.max(blob.x(), Math.min(own.x(), blob.x() + blob.w() - own.w()));
    }

    private void pseudoUpdate(double t, Track tr, Box box, Detection blob, double people, GroundMapping mapping) {
        Detection d = new Detection(box, tr.cls(), Math.min(0.5, blob.score()), blob.staticObject(), people,
                blob.changing());
        groundOf(d, mapping).ifPresent(g -> tr.update(t, d, g, measurementVariance(d, mapping), settings));
    }

    /**
     * Whether a detection matched to a standing car/bus/truck track is a piece of it: mostly (70 %) inside
     * its box grown by {@link #FRAGMENT_MARGIN_PX} and under 60 % of its area. A parked vehicle fading
     * into the background shows pieces of itself (seen from above, the front and the rear either side of
     * a cabin the colour of the road); a piece confirms it is there, but its foot is not the vehicle's,
     * and moving the track onto it restarts the vehicle's dwell and lets the other piece start a track.
     */
    private static boolean pieceOfStandingVehicle(Detection d, Track tr) {
        if (!tr.stationary() || !tr.cls().isMotorVehicle()) {
            return false;
        }
        Box b = tr.box();
        double m = FRAGMENT_MARGIN_PX;
        return d.box().area() < 0.6 * b.area()
                && d.box().coveredBy(new Box(b.x() - m, b.y() - m, b.w() + 2 * m, b.h() + 2 * m)) >= 0.7;
    }

    /**
     * Whether an unmatched detection lies mostly inside the box of a track matched in this frame: the
     * classical detector splits one vehicle into several blobs (and its moving and newly-static masks
     * overlap), and every such piece starting its own track restarts the rules for the same object.
     * Around a standing vehicle the box is grown by {@link #FRAGMENT_MARGIN_PX} for static pieces: a
     * parked car fading into the background shrinks its track's box to the piece it still matches, and
     * the rest of its body, just outside, would start a second track whose dwell starts again.
     */
    private static boolean isFragment(Detection d, List<Track> matched) {
        for (Track tr : matched) {
            Box b = tr.box();
            if (d.staticObject() && tr.stationary() && tr.cls().isMotorVehicle()) {
                double m = FRAGMENT_MARGIN_PX;
                b = new Box(b.x() - m, b.y() - m, b.w() + 2 * m, b.h() + 2 * m);
            }
            if (d.box().coveredBy(b) >= 0.5) {
                return true;
            }
        }
        return false;
    }

    /**
     * A confirmed vehicle track coasting (not seen this frame) whose last observed box, grown by
     * {@link #FRAGMENT_MARGIN_PX}, holds most (50 %) of a newly static detection: a car braking to a
     * stop fades from the moving mask and its filter coasts on past where it stood, so the part of it
     * that shows up again as newly static is the same car stopped (not a new object on the road).
     */
    private Track stoppedCoaster(double t, Detection d, List<Track> matched) {
        if (!d.staticObject()) {
            return null;
        }
        for (Track tr : tracks) {
            if (matched.contains(tr) || tr.hits < settings.minHits() || !tr.cls().isMotorVehicle() || tr.lastSeen() >= t) {
                continue;
            }
            Box b = tr.box();
            double m = FRAGMENT_MARGIN_PX;
            if (d.box().coveredBy(new Box(b.x() - m, b.y() - m, b.w() + 2 * m, b.h() + 2 * m)) >= 0.5) {
                return tr;
            }
        }
        return null;
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

    /** Detection pieces joined into the detection of the tracked object they lay inside. */
    public long splitsMerged() {
        return splitsMerged;
    }

    /** Still detections dropped because they lay inside a larger still detection of the same frame. */
    public long nested() {
        return nested;
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
