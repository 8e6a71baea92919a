package org.skypatrol.analytics.detect;

import java.util.List;

import org.skypatrol.analytics.geo.Vec2;

/** An axis-aligned box in pixels of the full analysed frame: left, top, width, height. */
public record Box(double x, double y, double w, double h) {

    /** Where the object touches the ground: bottom centre. */
    public Vec2 foot() {
        return new Vec2(x + w / 2, y + h);
    }

    public Vec2 centre() {
        return new Vec2(x + w / 2, y + h / 2);
    }

    public double area() {
        return Math.max(0, w) * Math.max(0, h);
    }

    /** Share of this box's area that lies inside {@code o} (0 when this box is empty). */
    public double coveredBy(Box o) {
        double ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        return area() <= 0 ? 0 : ix * iy / area();
    }

    public double iou(Box o) {
        double ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    public Box scaled(double k) {
        return new Box(x * k, y * k, w * k, h * k);
    }

    public List<Integer> toList() {
        return List.of((int) Math.round(x), (int) Math.round(y), (int) Math.round(w), (int) Math.round(h));
    }
}
