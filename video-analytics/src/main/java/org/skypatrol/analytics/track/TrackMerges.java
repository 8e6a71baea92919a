package org.skypatrol.analytics.track;

import java.util.List;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.geo.GroundMapping;

/**
 * Two tracked objects merged into one blob (a queue, a rear-end collision, a truck beside a car in the
 * next lane): finds the partner and updates both tracks with boxes of their own size, marked held
 * ({@link TrackPoint#held()}), since neither box was measured.
 */
final class TrackMerges {

    private static final double MERGE_AREA_RATIO = 1.6;

    private final TrackerSettings settings;
    private final List<Track> tracks;

    /** Works over the tracker's live tracks ({@code tracks}, read, never changed). */
    TrackMerges(TrackerSettings settings, List<Track> tracks) {
        this.settings = settings;
        this.tracks = tracks;
    }

    /**
     * Whether a detection matched to {@code tr} is a blob of two tracked objects: it is much larger
     * than the track's own box and also covers most of another confirmed live track's predicted box.
     * Its foot point is neither object's, so neither is updated from it (both coast through the
     * merge like through an occlusion) and no new track starts from it.
     */
    Track partner(Detection d, Track tr, double t) {
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
    void update(double t, Detection d, Track tr, Track partner, List<Track> matched, GroundMapping mapping) {
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
        heldUpdate(t, tr, own, d, d.people() * own.area() / total, !trNearer, mapping);
        if (!matched.contains(partner)) {
            matched.add(partner);
            heldUpdate(t, partner, other, d, d.people() * other.area() / total, trNearer, mapping);
        }
    }

    private static double clampX(Box own, Box blob) {
        return Math.max(blob.x(), Math.min(own.x(), blob.x() + blob.w() - own.w()));
    }

    /** Updates a track with a box of its own size; {@code placed} when the box stands where predicted (the farther one). */
    private void heldUpdate(double t, Track tr, Box box, Detection blob, double people, boolean placed,
                            GroundMapping mapping) {
        Detection d = new Detection(box, tr.cls(), Math.min(0.5, blob.score()), blob.staticObject(), people,
                blob.changing());
        GroundPoints.groundOf(d, mapping).ifPresent(
                g -> tr.update(t, d, g, GroundPoints.measurementVariance(d, mapping), settings, true, placed));
    }
}
