package org.skypatrol.samples.scenegen;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Small OpenCV drawing helpers shared by the texture and the frame renderer. */
final class Draw {

    /** Sub-pixel bits for fillConvexPoly: coordinates are multiplied by 2^SHIFT. */
    private static final int SHIFT = 4;

    private Draw() {
    }

    /** A seeded OpenCV generator (deterministic renders). */
    static RNG rng(long seed) {
        return new RNG(seed == 0 ? 1 : seed);
    }

    /** Fills {@code m} with zero-mean Gaussian noise of the given standard deviation. */
    static void gaussian(RNG rng, Mat m, double sigma) {
        try (Mat mean = new Mat(1, 1, CV_64F, new Scalar(0));
             Mat std = new Mat(1, 1, CV_64F, new Scalar(sigma))) {
            rng._fill(m, RNG.NORMAL, mean, std);
        }
    }

    /** Anti-aliased convex polygon with sub-pixel vertices; {@code xy} is [x0, y0, x1, y1, ...]. */
    static void convex(Mat img, double[] xy, Scalar colour) {
        int n = xy.length / 2;
        try (Point pts = new Point(n)) {
            for (int i = 0; i < n; i++) {
                pts.position(i).x((int) Math.round(xy[2 * i] * (1 << SHIFT))).y((int) Math.round(xy[2 * i + 1] * (1 << SHIFT)));
            }
            pts.position(0);
            fillConvexPoly(img, pts, n, colour, LINE_AA, SHIFT);
        }
    }

    /** BGR scalar of a 0xRRGGBB colour scaled by {@code k}. */
    static Scalar bgr(int rgb, double k) {
        double r = ((rgb >> 16) & 0xff) * k;
        double g = ((rgb >> 8) & 0xff) * k;
        double b = (rgb & 0xff) * k;
        return new Scalar(Math.min(255, b), Math.min(255, g), Math.min(255, r), 0);
    }

    /**
     * Convex hull (Andrew's monotone chain) of points [x0, y0, x1, y1, ...], returned the same way,
     * counter-clockwise.
     */
    static double[] hull(double[] xy) {
        int n = xy.length / 2;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> xy[2 * a] != xy[2 * b]
                ? Double.compare(xy[2 * a], xy[2 * b]) : Double.compare(xy[2 * a + 1], xy[2 * b + 1]));
        int[] h = new int[2 * n + 1];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(xy, h[k - 2], h[k - 1], idx[i]) <= 0) {
                k--;
            }
            h[k++] = idx[i];
        }
        for (int i = n - 2, lo = k + 1; i >= 0; i--) {
            while (k >= lo && cross(xy, h[k - 2], h[k - 1], idx[i]) <= 0) {
                k--;
            }
            h[k++] = idx[i];
        }
        int m = Math.max(1, k - 1);
        double[] out = new double[2 * m];
        for (int i = 0; i < m; i++) {
            out[2 * i] = xy[2 * h[i]];
            out[2 * i + 1] = xy[2 * h[i] + 1];
        }
        return out;
    }

    private static double cross(double[] xy, int o, int a, int b) {
        return (xy[2 * a] - xy[2 * o]) * (xy[2 * b + 1] - xy[2 * o + 1])
                - (xy[2 * a + 1] - xy[2 * o + 1]) * (xy[2 * b] - xy[2 * o]);
    }
}
