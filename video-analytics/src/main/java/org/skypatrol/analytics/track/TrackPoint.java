package org.skypatrol.analytics.track;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.geo.Vec2;

/**
 * One observation of a track: frame time, filtered ground position (metres), the raw measured
 * ground position (for motion-energy rules the filter would smooth away), pixel box, filtered speed,
 * the people its detection held ({@link org.skypatrol.analytics.detect.Detection#people()}; NaN when not
 * recorded: a track that took a group's merged blob a second ago was a group then), the share of that
 * detection that changed since the previous frame ({@link org.skypatrol.analytics.detect.Detection#changing()};
 * NaN when not measured: one frame's share is noisy, a second's tells strollers from people milling about)
 * and whether the tracker held the box rather than measured it ({@code held}): the object was seen there,
 * inside a blob of two tracked objects or as a piece of a standing vehicle, but its box is the one it had
 * before, moved, so its size says nothing new; and whether its position too is held ({@code placed}): the
 * farther of two merged objects keeps its predicted box, and a standing vehicle its box where it stood, so
 * {@code measured} is then the track's own guess (the nearer of two merged objects stands on the blob's
 * bottom edge: a measured foot).
 */
public record TrackPoint(double timeSeconds, Vec2 ground, Vec2 measured, Box box, double speedMps, double people,
                         double changing, boolean held, boolean placed) {

    /** A measured observation (its box is the detection's). */
    public TrackPoint(double timeSeconds, Vec2 ground, Vec2 measured, Box box, double speedMps, double people,
                      double changing) {
        this(timeSeconds, ground, measured, box, speedMps, people, changing, false, false);
    }

    /** A measured observation whose people count and change were not recorded. */
    public TrackPoint(double timeSeconds, Vec2 ground, Vec2 measured, Box box, double speedMps) {
        this(timeSeconds, ground, measured, box, speedMps, Double.NaN, Double.NaN, false, false);
    }
}
