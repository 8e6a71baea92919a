package org.skypatrol.analytics.track;

import java.util.Optional;

import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Vec2;

/** Where a detection stands on the ground, and how well its box says so. */
final class GroundPoints {

    private GroundPoints() {
    }

    /** Ground point of a detection: box centre in straight-down views, bottom centre otherwise. */
    static Optional<Vec2> groundOf(Detection d, GroundMapping mapping) {
        var size = SizeClassifier.measure(d.box(), mapping);
        Vec2 px = size.isPresent() && size.get().nadir() ? d.box().centre() : d.box().foot();
        return mapping.toGround(px);
    }

    /** Variance (m²) of a detection's ground point: two pixels of foot jitter at its ground scale, at least 0.15 m. */
    static double measurementVariance(Detection d, GroundMapping mapping) {
        double mpp = mapping.metresPerPixel(d.box().foot());
        double sigma = Double.isFinite(mpp) ? Math.max(0.15, 2 * mpp) : 0.5;
        return sigma * sigma;
    }
}
