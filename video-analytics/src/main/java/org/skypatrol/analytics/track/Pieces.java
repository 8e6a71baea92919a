package org.skypatrol.analytics.track;

import java.util.List;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.Detection;

/**
 * The pieces the classical detector makes of one tracked vehicle: pieces of a standing vehicle fading
 * into the background, fragments beside a matched track, and the newly static part of a car that braked
 * to a stop while its track coasted on.
 */
final class Pieces {

    /** Pixels of foot-point jitter around a standing vehicle's box within which a static piece is its fragment. */
    static final double FRAGMENT_MARGIN_PX = 10;
    /**
     * Share of a piece of a standing group that changed since the previous frame above which its people
     * are moving (walking changes 0.7-1 of a blob at 5 fps, people standing or milling about 0.2-0.45):
     * such a piece holds only its own people, not those the group held (a group dispersing).
     */
    static final double MOVING_PIECE_CHANGE = 0.6;

    private Pieces() {
    }

    /**
     * Whether a detection matched to a standing car/bus/truck track is a piece of it: mostly (70 %) inside
     * its box grown by {@link #FRAGMENT_MARGIN_PX} and under 60 % of its area. A parked vehicle fading
     * into the background shows pieces of itself (seen from above, the front and the rear either side of
     * a cabin the colour of the road); a piece confirms it is there, but its foot is not the vehicle's,
     * and moving the track onto it restarts the vehicle's dwell and lets the other piece start a track.
     */
    static boolean pieceOfStandingVehicle(Detection d, Track tr) {
        if (!tr.stationary() || !tr.cls().isMotorVehicle()) {
            return false;
        }
        return d.box().area() < 0.6 * tr.box().area() && d.box().coveredBy(grown(tr.box())) >= 0.7;
    }

    /**
     * The detection a piece of a standing track stands for: the track's whole box, seen. A piece of a
     * standing group holds part of its people, the others faded into the background while standing: the
     * whole keeps what it held; a piece most of which is changing is people moving, walking or running
     * off, and holds only its own.
     */
    static Detection whole(Detection piece, Track tr) {
        double people = piece.changing() > MOVING_PIECE_CHANGE ? piece.people() : Math.max(piece.people(), tr.people());
        return new Detection(tr.box(), tr.cls(), piece.score(), piece.staticObject(), people, piece.changing());
    }

    /**
     * Whether an unmatched detection lies mostly inside the box of a track matched in this frame: the
     * classical detector splits one vehicle into several blobs (and its moving and newly-static masks
     * overlap), and every such piece starting its own track restarts the rules for the same object.
     * Around a standing vehicle the box is grown by {@link #FRAGMENT_MARGIN_PX} for static pieces: a
     * parked car fading into the background shrinks its track's box to the piece it still matches, and
     * the rest of its body, just outside, would start a second track whose dwell starts again.
     */
    static boolean isFragment(Detection d, List<Track> matched) {
        for (Track tr : matched) {
            Box b = tr.box();
            if (d.staticObject() && tr.stationary() && tr.cls().isMotorVehicle()) {
                b = grown(b);
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
    static Track stoppedCoaster(double t, Detection d, List<Track> tracks, List<Track> matched, int minHits) {
        if (!d.staticObject()) {
            return null;
        }
        for (Track tr : tracks) {
            if (matched.contains(tr) || tr.hits < minHits || !tr.cls().isMotorVehicle() || tr.lastSeen() >= t) {
                continue;
            }
            if (d.box().coveredBy(grown(tr.box())) >= 0.5) {
                return tr;
            }
        }
        return null;
    }

    private static Box grown(Box b) {
        double m = FRAGMENT_MARGIN_PX;
        return new Box(b.x() - m, b.y() - m, b.w() + 2 * m, b.h() + 2 * m);
    }
}
