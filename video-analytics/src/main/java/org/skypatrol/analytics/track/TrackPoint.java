package org.skypatrol.analytics.track;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.geo.Vec2;

/**
 * One observation of a track: frame time, filtered ground position (metres), the raw measured
 * ground position (for motion-energy rules the filter would smooth away), pixel box, filtered speed.
 */
public record TrackPoint(double timeSeconds, Vec2 ground, Vec2 measured, Box box, double speedMps) {
}
