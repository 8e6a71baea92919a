package org.skypatrol.analytics.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * How the flat ground moves in the image between two frames of a moving camera whose pose is known
 * for both (a drone with telemetry): every ground point seen at pixel p in the earlier frame appears
 * at H·p in the later one. The ground plane maps to each image by a homography, so H is exact for
 * the ground (what a background model holds) and only things above it (a car roof) show parallax.
 * Computed from a grid of pixels of the later frame sent to the ground and back into the earlier
 * frame (least squares over the grid points that see the ground in both).
 */
public final class GroundMotion {

    /** Grid points per image axis. */
    private static final int GRID = 5;

    private GroundMotion() {
    }

    /**
     * Row-major 3x3 homography from pixels of the frame seen through {@code from} to pixels of the
     * frame seen through {@code to}, both frames {@code width} x {@code height} pixels; empty when
     * fewer than 4 grid points see the ground in both (the camera looks at the horizon) or the
     * points are degenerate. Pixel coordinates are those of the mappings (full-resolution frames).
     */
    public static Optional<double[]> homography(GroundMapping from, GroundMapping to, int width, int height) {
        List<Vec2> src = new ArrayList<>();
        List<Vec2> dst = new ArrayList<>();
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                Vec2 cur = new Vec2(width * (0.1 + 0.8 * i / (GRID - 1)), height * (0.1 + 0.8 * j / (GRID - 1)));
                Optional<Vec2> prev = to.toGround(cur).flatMap(from::toPixel);
                if (prev.isPresent()) {
                    src.add(prev.get());
                    dst.add(cur);
                }
            }
        }
        if (src.size() < 4) {
            return Optional.empty();
        }
        try (Mat s = toMat(src); Mat d = toMat(dst); Mat h = opencv_calib3d.findHomography(s, d)) {
            if (h == null || h.empty()) {
                return Optional.empty();
            }
            double[] out = new double[9];
            try (DoubleIndexer idx = h.createIndexer()) {
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        out[r * 3 + c] = idx.get(r, c);
                    }
                }
            }
            return Optional.of(out);
        }
    }

    /** Applies a row-major 3x3 homography to a point; empty at infinity. */
    public static Optional<Vec2> apply(double[] h, Vec2 p) {
        double w = h[6] * p.x() + h[7] * p.y() + h[8];
        if (Math.abs(w) < 1e-12) {
            return Optional.empty();
        }
        return Optional.of(new Vec2((h[0] * p.x() + h[1] * p.y() + h[2]) / w, (h[3] * p.x() + h[4] * p.y() + h[5]) / w));
    }

    private static Mat toMat(List<Vec2> points) {
        Mat m = new Mat(points.size(), 1, opencv_core.CV_64FC2);
        try (DoubleIndexer idx = m.createIndexer()) {
            for (int i = 0; i < points.size(); i++) {
                idx.put(i, 0, 0, points.get(i).x());
                idx.put(i, 0, 1, points.get(i).y());
            }
        }
        return m;
    }
}
