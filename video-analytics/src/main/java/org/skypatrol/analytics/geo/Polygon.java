package org.skypatrol.analytics.geo;

import java.util.List;

/** A simple polygon (ground metres or pixels) with containment and segment-crossing tests. */
public record Polygon(List<Vec2> points) {

    public Polygon {
        points = List.copyOf(points);
    }

    /** Even-odd ray casting. */
    public boolean contains(Vec2 p) {
        boolean in = false;
        for (int i = 0, j = points.size() - 1; i < points.size(); j = i++) {
            Vec2 a = points.get(i);
            Vec2 b = points.get(j);
            if ((a.y() > p.y()) != (b.y() > p.y())
                    && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                in = !in;
            }
        }
        return in;
    }

    public double area() {
        double s = 0;
        for (int i = 0, j = points.size() - 1; i < points.size(); j = i++) {
            s += points.get(j).x() * points.get(i).y() - points.get(i).x() * points.get(j).y();
        }
        return Math.abs(s) / 2;
    }

    public Vec2 centroid() {
        double x = 0;
        double y = 0;
        for (Vec2 p : points) {
            x += p.x();
            y += p.y();
        }
        return new Vec2(x / points.size(), y / points.size());
    }

    /** Whether segments p1-p2 and q1-q2 properly intersect. */
    public static boolean segmentsCross(Vec2 p1, Vec2 p2, Vec2 q1, Vec2 q2) {
        double d1 = cross(q1, q2, p1);
        double d2 = cross(q1, q2, p2);
        double d3 = cross(p1, p2, q1);
        double d4 = cross(p1, p2, q2);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    private static double cross(Vec2 a, Vec2 b, Vec2 c) {
        return (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
    }
}
