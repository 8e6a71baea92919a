package org.skypatrol.analytics.scene;

/** A named polyline of a scene (solid line, stop line, tripwire). */
public record SceneLine(String id, LineKind kind, Coords coords, int line) {
}
