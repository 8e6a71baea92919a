package org.skypatrol.analytics.track;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.geo.Vec2;

/** One filtered observation of a track: frame time, ground position (metres), pixel box, speed. */
public record TrackPoint(double timeSeconds, Vec2 ground, Box box, double speedMps) {
}
