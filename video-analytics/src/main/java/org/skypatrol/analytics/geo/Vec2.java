package org.skypatrol.analytics.geo;

/** A 2-D point or vector: pixels (x right, y down) or ground metres (x east, y north), by context. */
public record Vec2(double x, double y) {

    public Vec2 plus(Vec2 o) {
        return new Vec2(x + o.x, y + o.y);
    }

    public Vec2 minus(Vec2 o) {
        return new Vec2(x - o.x, y - o.y);
    }

    public Vec2 times(double k) {
        return new Vec2(x * k, y * k);
    }

    public double length() {
        return Math.hypot(x, y);
    }

    public double distance(Vec2 o) {
        return Math.hypot(x - o.x, y - o.y);
    }

    public double dot(Vec2 o) {
        return x * o.x + y * o.y;
    }

    /** Distance from this point to the segment from {@code a} to {@code b} (to {@code a} if they coincide). */
    public double distanceToSegment(Vec2 a, Vec2 b) {
        Vec2 ab = b.minus(a);
        double len2 = ab.dot(ab);
        double f = len2 < 1e-12 ? 0 : Math.max(0, Math.min(1, minus(a).dot(ab) / len2));
        return distance(a.plus(ab.times(f)));
    }

    /** Compass bearing of this vector as a ground direction: 0 = north (+y), 90 = east (+x). */
    public double bearingDeg() {
        double deg = Math.toDegrees(Math.atan2(x, y));
        return deg < 0 ? deg + 360 : deg;
    }

    /** Unit vector of a compass bearing (0 = north = +y, 90 = east = +x). */
    public static Vec2 ofBearing(double bearingDeg) {
        double r = Math.toRadians(bearingDeg);
        return new Vec2(Math.sin(r), Math.cos(r));
    }
}
