package org.skypatrol.analytics.track;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.geo.Vec2;

/**
 * One observation of a track: frame time, filtered ground position (metres), the raw measured
 * ground position (for motion-energy rules the filter would smooth away), pixel box, filtered speed,
 * and the people its detection held ({@link org.skypatrol.analytics.detect.Detection#people()}; NaN
 * when not recorded): a track that took a group's merged blob a second ago was a group then.
 */
public record TrackPoint(double timeSeconds, Vec2 ground, Vec2 measured, Box box, double speedMps, double people) {

    /** An observation whose people count was not recorded. */
    public TrackPoint(double timeSeconds, Vec2 ground, Vec2 measured, Box box, double speedMps) {
        this(timeSeconds, ground, measured, box, speedMps, Double.NaN);
    }
}
