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
