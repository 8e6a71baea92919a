package org.skypatrol.analytics.scene;

import org.skypatrol.analytics.geo.Polygon;

/**
 * A zone resolved for one frame: its ground polygon (metres), where it lies in the image (for
 * drawing; may be empty when off-screen) and its direction of travel on the ground (or null).
 */
public record ResolvedZone(Zone zone, Polygon ground, Polygon pixels, Double directionDeg) {

    public String id() {
        return zone.id();
    }

    public ZoneKind kind() {
        return zone.kind();
    }
}
