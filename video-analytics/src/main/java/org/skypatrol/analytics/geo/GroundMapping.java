package org.skypatrol.analytics.geo;

import java.util.Optional;

/**
 * Maps pixels of one analysed frame to the flat ground plane (metres, x east, y north) and back.
 * A fixed camera has one mapping for the whole video; a drone camera has one per frame (its pose).
 */
public interface GroundMapping {

    /** The ground point seen at a pixel, or empty when the pixel looks above the horizon. */
    Optional<Vec2> toGround(Vec2 pixel);

    /** The pixel where a ground point appears, or empty when it is behind the camera. */
    Optional<Vec2> toPixel(Vec2 ground);

    /** Ground metres per pixel around a pixel (mean of both axes); for size thresholds. */
    default double metresPerPixel(Vec2 pixel) {
        Optional<Vec2> a = toGround(pixel);
        Optional<Vec2> b = toGround(pixel.plus(new Vec2(1, 0)));
        Optional<Vec2> c = toGround(pixel.plus(new Vec2(0, 1)));
        if (a.isEmpty() || b.isEmpty() || c.isEmpty()) {
            return Double.NaN;
        }
        return (a.get().distance(b.get()) + a.get().distance(c.get())) / 2;
    }
}
