package org.skypatrol.samples.scenegen;

/** A point on the flat ground plane in metres: x east, y north (docs/scene-format.md). */
public record Pt(double x, double y) {

    public Pt plus(double dx, double dy) {
        return new Pt(x + dx, y + dy);
    }

    public double distance(Pt o) {
        return Math.hypot(x - o.x, y - o.y);
    }
}
