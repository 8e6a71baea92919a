package org.skypatrol.analytics.track;

import java.util.ArrayList;
import java.util.List;

import org.skypatrol.analytics.geo.Vec2;

/**
 * Confirmed tracks lost while slow or stationary, kept {@code reidSeconds} for re-identification: a
 * stopping car fades from the moving mask before it appears as newly static; without this every such
 * gap makes a new track and re-alerts.
 */
final class LostTracks {

    private final TrackerSettings settings;
    private final List<Track> lost = new ArrayList<>();

    LostTracks(TrackerSettings settings) {
        this.settings = settings;
    }

    /** Keeps an expired track if it was confirmed and slow or stationary when lost. */
    void offer(Track tr) {
        if (tr.hits >= settings.minHits() && (tr.stationary() || tr.velocity().length() < settings.reidMaxSpeedMps())) {
            lost.add(tr);
        }
    }

    /** Forgets tracks lost longer than {@code reidSeconds} before t. */
    void prune(double t) {
        lost.removeIf(tr -> t - tr.lastSeen() > settings.reidSeconds());
    }

    void clear() {
        lost.clear();
    }

    /**
     * A lost track within {@code reidSeconds} whose last observed (or coasted) position is within
     * {@code reidMetres} (plus ten pixels at the ground scale) of a new detection: the same object seen
     * again. The nearest wins; it leaves the list.
     */
    Track reidentify(double t, Vec2 ground, double metresPerPixel) {
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
}
