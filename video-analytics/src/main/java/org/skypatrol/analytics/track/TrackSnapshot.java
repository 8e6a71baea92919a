package org.skypatrol.analytics.track;

import java.util.List;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.Vec2;

/**
 * An immutable view of one track at one frame: what the rules see.
 *
 * @param id                    stable track id
 * @param cls                   class (majority of size votes, refined by speed)
 * @param box                   current pixel box (predicted when {@code missedSeconds > 0})
 * @param ground                current ground position (metres)
 * @param velocity              ground velocity (m/s, x east, y north)
 * @param firstSeenSeconds      frame time of the first observation
 * @param stationarySinceSeconds frame time since which it has not moved, or NaN when moving
 * @param neverMoved            it has not moved since it appeared (left objects, debris)
 * @param missedSeconds         how long it has gone without a detection (0 = seen in this frame)
 * @param history               filtered observations, oldest first (bounded)
 * @param people                people its latest detection held (0 = not people-shaped; a merged group's
 *                              estimate, see {@code detect.PeopleEstimate})
 * @param changing              share of its latest detection that changed since the previous frame (NaN = not
 *                              measured): people walking near 1, people standing or milling about low
 */
public record TrackSnapshot(int id, ObjectClass cls, Box box, Vec2 ground, Vec2 velocity, double firstSeenSeconds,
                            double stationarySinceSeconds, boolean neverMoved, double missedSeconds,
                            List<TrackPoint> history, double people, double changing) {

    public TrackSnapshot {
        history = List.copyOf(history);
    }

    /** A snapshot holding one person if it is a person, else no people. */
    public TrackSnapshot(int id, ObjectClass cls, Box box, Vec2 ground, Vec2 velocity, double firstSeenSeconds,
                         double stationarySinceSeconds, boolean neverMoved, double missedSeconds,
                         List<TrackPoint> history) {
        this(id, cls, box, ground, velocity, firstSeenSeconds, stationarySinceSeconds, neverMoved, missedSeconds,
                history, cls == ObjectClass.PERSON ? 1 : 0, Double.NaN);
    }

    public double speedMps() {
        return velocity.length();
    }

    public double speedKph() {
        return speedMps() * 3.6;
    }

    /** Compass heading of motion (0 = north), meaningful when moving. */
    public double headingDeg() {
        return velocity.bearingDeg();
    }

    public boolean stationary() {
        return !Double.isNaN(stationarySinceSeconds);
    }

    public double stationarySeconds(double now) {
        return stationary() ? now - stationarySinceSeconds : 0;
    }

    /** The newest history point at or before {@code t}, else the oldest. */
    public TrackPoint at(double t) {
        TrackPoint best = history.get(0);
        for (TrackPoint p : history) {
            if (p.timeSeconds() <= t) {
                best = p;
            }
        }
        return best;
    }

    /** History points from {@code t} on. */
    public List<TrackPoint> since(double t) {
        return history.stream().filter(p -> p.timeSeconds() >= t).toList();
    }
}
