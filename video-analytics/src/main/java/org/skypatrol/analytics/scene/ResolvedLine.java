package org.skypatrol.analytics.scene;

import java.util.List;

import org.skypatrol.analytics.geo.Vec2;

/** A scene line resolved for one frame: ground polyline (metres) and image polyline (pixels). */
public record ResolvedLine(SceneLine line, List<Vec2> ground, List<Vec2> pixels) {
    public ResolvedLine {
        ground = List.copyOf(ground);
        pixels = List.copyOf(pixels);
    }
}
