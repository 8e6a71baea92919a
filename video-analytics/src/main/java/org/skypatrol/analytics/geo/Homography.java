package org.skypatrol.analytics.geo;

import java.util.List;
import java.util.Optional;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A fixed camera's pixel→ground plane homography (3x3, row-major) and its inverse, estimated with
 * OpenCV {@code findHomography} from at least four pixel↔metre pairs (least squares over all pairs).
 */
public final class Homography implements GroundMapping {

    private final double[] h;
    private final double[] inv;

    public Homography(double[] rowMajor3x3) {
        if (rowMajor3x3.length != 9) {
            throw new IllegalArgumentException("a homography has 9 elements");
        }
        this.h = rowMajor3x3.clone();
        this.inv = invert(h);
    }

    /** Estimates the pixel→ground homography; throws IllegalArgumentException for degenerate input. */
    public static Homography fromPairs(List<Vec2> pixels, List<Vec2> ground) {
        if (pixels.size() != ground.size() || pixels.size() < 4) {
            throw new IllegalArgumentException("need at least 4 pixel<->ground pairs, got " + pixels.size());
        }
        try (Mat src = toMat(pixels); Mat dst = toMat(ground); Mat hm = opencv_calib3d.findHomography(src, dst)) {
            if (hm.empty()) {
                throw new IllegalArgumentException("findHomography failed: points are degenerate (3 collinear?)");
            }
            double[] out = new double[9];
            try (DoubleIndexer idx = hm.createIndexer()) {
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        out[r * 3 + c] = idx.get(r, c);
                    }
                }
            }
            return new Homography(out);
        }
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

    @Override
    public Optional<Vec2> toGround(Vec2 pixel) {
        return apply(h, pixel);
    }

    @Override
    public Optional<Vec2> toPixel(Vec2 ground) {
        return apply(inv, ground);
    }

    public double[] matrix() {
        return h.clone();
    }

    private static Optional<Vec2> apply(double[] m, Vec2 p) {
        double w = m[6] * p.x() + m[7] * p.y() + m[8];
        if (Math.abs(w) < 1e-12) {
            return Optional.empty();
        }
        double x = (m[0] * p.x() + m[1] * p.y() + m[2]) / w;
        double y = (m[3] * p.x() + m[4] * p.y() + m[5]) / w;
        return Double.isFinite(x) && Double.isFinite(y) ? Optional.of(new Vec2(x, y)) : Optional.empty();
    }

    private static double[] invert(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], hh = m[7], i = m[8];
        double co0 = e * i - f * hh, co1 = -(d * i - f * g), co2 = d * hh - e * g;
        double det = a * co0 + b * co1 + c * co2;
        if (Math.abs(det) < 1e-15) {
            throw new IllegalArgumentException("homography is singular");
        }
        return new double[] {
            co0 / det, -(b * i - c * hh) / det, (b * f - c * e) / det,
            co1 / det, (a * i - c * g) / det, -(a * f - c * d) / det,
            co2 / det, -(a * hh - b * g) / det, (a * e - b * d) / det};
    }
}
