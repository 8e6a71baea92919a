package org.skypatrol.analytics.track;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.Vec2;

/** Mutable state of one track inside the {@link Tracker}; rules see {@link TrackSnapshot}s. */
final class Track {

    final int id;
    final double firstSeen;
    private final KalmanCv kx;
    private final KalmanCv ky;
    private Box box;
    private double boxVx;
    private double boxVy;
    private double lastSeen;
    private double lastTime;
    int hits;
    private double stationarySince = Double.NaN;
    private boolean everMoved;
    private final Map<ObjectClass, Double> votes = new EnumMap<>(ObjectClass.class);
    private final Deque<TrackPoint> history = new ArrayDeque<>();
    private double fastSeconds;
    /** People the latest detection held ({@link Detection#people()}). */
    private double people;
    /** Share of the latest detection that changed since the previous frame ({@link Detection#changing()}). */
    private double changing;
    /** Box area of the latest detection that was this object alone, not a union of pieces joined for it. */
    private double wholeArea;

    Track(int id, double t, Detection d, Vec2 ground) {
        this.id = id;
        this.firstSeen = t;
        this.lastSeen = t;
        this.lastTime = t;
        this.box = d.box();
        this.kx = new KalmanCv(ground.x(), 0.5, 25);
        this.ky = new KalmanCv(ground.y(), 0.5, 25);
        this.hits = 1;
        this.people = d.people();
        this.changing = d.changing();
        this.wholeArea = d.box().area();
        vote(d);
        history.add(new TrackPoint(t, ground, ground, box, 0, people, changing));
    }

    /**
     * Takes a lost track up again at time t (re-identification): the filter restarts from rest at its
     * last position instead of extrapolating over the gap, so the next update is a plain measurement.
     */
    void revive(double t) {
        kx.stop();
        ky.stop();
        boxVx = 0;
        boxVy = 0;
        lastTime = t;
    }

    double people() {
        return people;
    }

    double wholeArea() {
        return wholeArea;
    }

    /** The detection just taken was this object alone (not pieces joined together). */
    void seenWhole(Detection d) {
        wholeArea = d.box().area();
    }

    /** Box predicted for time t (constant pixel velocity). */
    Box predictedBox(double t) {
        double dt = t - lastSeen;
        return new Box(box.x() + boxVx * dt, box.y() + boxVy * dt, box.w(), box.h());
    }

    /**
     * Advances the filter to t. While the track is missing (more than one analysed frame), it is
     * extrapolated only with a velocity its own measurements confirm: a jittering blob's filter can
     * carry tens of km/h, and coasting on that would carry it across the image onto another object.
     */
    void predict(double t) {
        double dt = t - lastTime;
        if (dt > 0 && t - lastSeen > 0.3 && !reliableVelocity()) {
            lastTime = t;
            return;
        }
        if (dt > 0) {
            kx.predict(dt);
            ky.predict(dt);
            lastTime = t;
        }
    }

    void update(double t, Detection d, Vec2 ground, double measurementVariance, TrackerSettings s) {
        update(t, d, ground, measurementVariance, s, false, false);
    }

    /**
     * Takes an observation at t; {@code held} when the detection's box is not measured but the one this
     * track had, moved (through a merge, or kept whole for a piece of a standing vehicle); {@code placed} when
     * its position too is the track's own (see {@link TrackPoint}).
     */
    void update(double t, Detection d, Vec2 ground, double measurementVariance, TrackerSettings s, boolean held,
                boolean placed) {
        double dt = t - lastSeen;
        if (dt > 0) {
            Vec2 c0 = box.centre();
            Vec2 c1 = d.box().centre();
            boxVx = 0.5 * boxVx + 0.5 * (c1.x() - c0.x()) / dt;
            boxVy = 0.5 * boxVy + 0.5 * (c1.y() - c0.y()) / dt;
        }
        box = d.box();
        lastSeen = t;
        hits++;
        people = d.people();
        changing = d.changing();
        kx.update(ground.x(), measurementVariance);
        ky.update(ground.y(), measurementVariance);
        vote(d);
        Vec2 g = ground();
        history.add(new TrackPoint(t, g, ground, box, velocity().length(), people, changing, held, placed));
        while (history.size() > 2 && history.peekFirst().timeSeconds() < t - s.historySeconds()) {
            history.pollFirst();
        }
        updateMotion(t, dt, s);
    }

    private void updateMotion(double t, double dt, TrackerSettings s) {
        TrackPoint past = null;
        for (TrackPoint p : history) {
            if (p.timeSeconds() <= t - s.stationaryWindowSeconds()) {
                past = p;
            }
        }
        double speed = velocity().length();
        fastSeconds = speed > 4.5 ? fastSeconds + dt : Math.max(0, fastSeconds - dt);
        if (past == null) {
            if (t - firstSeen >= 0.6 && ground().distance(history.peekFirst().ground()) < s.stationaryMetres()
                    && Double.isNaN(stationarySince) && !everMoved) {
                stationarySince = firstSeen;
            }
            return;
        }
        double moved = ground().distance(past.ground());
        if (Double.isNaN(stationarySince)) {
            if (moved < s.stationaryMetres() && speed < 1.0) {
                stationarySince = past.timeSeconds();
                kx.stop();
                ky.stop();
            } else if (moved > 2 * s.stationaryMetres()) {
                everMoved = true;
            }
        } else if (moved > 2 * s.stationaryMetres()) {
            stationarySince = Double.NaN;
            everMoved = true;
        } else {
            kx.stop();
            ky.stop();
        }
    }

    /**
     * Whether the filtered velocity agrees with the measured displacement over the last second of
     * observations (at least 3 of them over 0.6 s or more): within half the speed plus 1 m/s.
     */
    boolean reliableVelocity() {
        TrackPoint last = history.peekLast();
        TrackPoint first = null;
        int n = 0;
        for (TrackPoint p : history) {
            if (p.timeSeconds() >= last.timeSeconds() - 1.0) {
                if (first == null) {
                    first = p;
                }
                n++;
            }
        }
        double span = last.timeSeconds() - first.timeSeconds();
        if (n < 3 || span < 0.6) {
            return false;
        }
        Vec2 rate = last.measured().minus(first.measured()).times(1 / span);
        Vec2 v = velocity();
        return rate.distance(v) <= 0.5 * v.length() + 1.0;
    }

    private void vote(Detection d) {
        double w = d.cls() == ObjectClass.UNKNOWN ? 0.1 : Math.max(0.2, d.score());
        votes.merge(d.cls(), w, Double::sum);
    }

    ObjectClass cls() {
        ObjectClass best = ObjectClass.UNKNOWN;
        double bestVote = -1;
        for (Map.Entry<ObjectClass, Double> e : votes.entrySet()) {
            if (e.getValue() > bestVote) {
                best = e.getKey();
                bestVote = e.getValue();
            }
        }
        if (best == ObjectClass.PERSON && fastSeconds >= 1.0) {
            return ObjectClass.BICYCLE;                 // a "person" sustaining > 4 m/s rides something
        }
        if (best == ObjectClass.STATIC_OBJECT && everMoved) {
            return ObjectClass.UNKNOWN;                 // static objects do not walk away
        }
        return best;
    }

    Vec2 ground() {
        return new Vec2(kx.position(), ky.position());
    }

    /** The filtered ground position at the last observation (before any coasting). */
    Vec2 lastObservedGround() {
        return history.peekLast().ground();
    }

    Vec2 velocity() {
        return new Vec2(kx.velocity(), ky.velocity());
    }

    Box box() {
        return box;
    }

    double lastSeen() {
        return lastSeen;
    }

    boolean stationary() {
        return !Double.isNaN(stationarySince);
    }

    TrackSnapshot snapshot(double t) {
        Vec2 vel = stationary() ? new Vec2(0, 0) : velocity();
        Box b = t > lastSeen && !stationary() ? predictedBox(t) : box;
        return new TrackSnapshot(id, cls(), b, ground(), vel, firstSeen, stationarySince, !everMoved,
                t - lastSeen, java.util.List.copyOf(history), people, changing);
    }
}
