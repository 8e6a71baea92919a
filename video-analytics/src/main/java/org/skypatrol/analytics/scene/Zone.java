package org.skypatrol.analytics.scene;

import java.util.List;

import org.skypatrol.analytics.geo.Vec2;

/**
 * A named zone of a scene.
 *
 * @param directionDeg    lanes: direction of travel on the ground (0 = north, clockwise), or null
 * @param directionPixels lanes: direction as two pixels (projected to the ground), or empty
 * @param speedLimitKph   optional speed limit, or null
 * @param hours           optional active hours, or null (always active)
 * @param line            line of the zone in the scene file (for messages)
 */
public record Zone(String id, ZoneKind kind, Coords coords, Double directionDeg, List<Vec2> directionPixels,
                   Double speedLimitKph, HoursWindow hours, int line) {
    public Zone {
        directionPixels = List.copyOf(directionPixels);
    }
}
