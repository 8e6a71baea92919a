package org.skypatrol.analytics.scene;

import java.util.List;

import org.skypatrol.analytics.geo.Vec2;

/**
 * Points of a zone or line as written in the scene file. For {@link CoordSpace#LATLON} each point is
 * stored as {@code Vec2(lat, lon)} (the file's order), for the others as {@code Vec2(x, y)}.
 */
public record Coords(CoordSpace space, List<Vec2> points) {
    public Coords {
        points = List.copyOf(points);
    }
}
