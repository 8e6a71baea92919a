package org.skypatrol.samples.scenegen;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC1;
import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.noArray;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The ground of a layout painted once, seen from straight above at {@link #PIXELS_PER_METRE}: grass,
 * asphalt, paving, markings, with low-frequency blotches and fine grain so that background models
 * and feature trackers have texture to work with. Every frame is a perspective warp of this image.
 */
public final class GroundTexture implements AutoCloseable {

    public static final double PIXELS_PER_METRE = 8;
    /** Grass colour, also used beyond the painted bounds (BGR). */
    static final Scalar GRASS = new Scalar(62, 112, 84, 0);

    private final Layout layout;
    private final Mat image;

    public GroundTexture(Layout layout, long seed) {
        this.layout = layout;
        int w = (int) Math.ceil((layout.maxX() - layout.minX()) * PIXELS_PER_METRE);
        int h = (int) Math.ceil((layout.maxY() - layout.minY()) * PIXELS_PER_METRE);
        image = new Mat(h, w, CV_8UC3, GRASS);
        for (Layout.Area a : layout.areas()) {
            fill(a.polygon(), surface(a.surface()));
        }
        for (Layout.Marking m : layout.marks()) {
            paint(m);
        }
        grain(seed, w, h);
    }

    /** The painted image (owned by this texture). */
    public Mat image() {
        return image;
    }

    /** Row-major 3x3 matrix from texture pixels (u, v, 1) to ground metres (x, y, 1). */
    public double[] textureToGround() {
        double s = PIXELS_PER_METRE;
        return new double[] {1 / s, 0, layout.minX(), 0, -1 / s, layout.maxY(), 0, 0, 1};
    }

    private static Scalar surface(Layout.Surface s) {
        return switch (s) {
            case ASPHALT -> new Scalar(78, 80, 82, 0);
            case BUS_LANE -> new Scalar(70, 72, 128, 0);
            case PAVING -> new Scalar(150, 158, 165, 0);
            case CONCRETE -> new Scalar(160, 162, 160, 0);
            case GRAVEL -> new Scalar(112, 128, 140, 0);
        };
    }

    private void fill(List<Pt> polygon, Scalar colour) {
        try (Point pts = new Point(polygon.size())) {
            for (int i = 0; i < polygon.size(); i++) {
                Pt p = polygon.get(i);
                pts.position(i).x(u(p.x())).y(v(p.y()));
            }
            pts.position(0);
            fillPoly(image, pts, new int[] {polygon.size()}, 1, colour, LINE_AA, 0, new Point(0, 0));
        }
    }

    /** A marking as quads along its polyline; dashes of 3 m every 9 m when dashed. */
    private void paint(Layout.Marking m) {
        Scalar colour = m.yellow() ? new Scalar(40, 185, 215, 0) : new Scalar(225, 228, 228, 0);
        List<Pt> pl = m.polyline();
        for (int i = 0; i + 1 < pl.size(); i++) {
            Pt a = pl.get(i);
            Pt b = pl.get(i + 1);
            double len = a.distance(b);
            double step = m.dashed() ? 9 : len;
            double on = m.dashed() ? 3 : len;
            for (double s = 0; s < len; s += step) {
                double e = Math.min(len, s + on);
                fill(quad(lerp(a, b, s / len), lerp(a, b, e / len), m.widthMetres()), colour);
            }
        }
    }

    private static List<Pt> quad(Pt a, Pt b, double width) {
        double len = Math.max(1e-9, a.distance(b));
        double nx = -(b.y() - a.y()) / len * width / 2;
        double ny = (b.x() - a.x()) / len * width / 2;
        List<Pt> q = new ArrayList<>();
        q.add(a.plus(nx, ny));
        q.add(b.plus(nx, ny));
        q.add(b.plus(-nx, -ny));
        q.add(a.plus(-nx, -ny));
        return q;
    }

    private static Pt lerp(Pt a, Pt b, double f) {
        return new Pt(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f);
    }

    /** Blotches (coarse noise blown up) plus fine grain, then a light blur to soften the edges. */
    private void grain(long seed, int w, int h) {
        RNG rng = Draw.rng(seed);
        try (Mat coarse = new Mat(Math.max(2, h / 24), Math.max(2, w / 24), CV_16SC1);
             Mat big = new Mat();
             Mat grey = new Mat();
             Mat fine = new Mat(h, w, CV_16SC3)) {
            Draw.gaussian(rng, coarse, 8);
            resize(coarse, big, new Size(w, h), 0, 0, INTER_CUBIC);
            try (MatVector planes = new MatVector(big, big, big)) {
                merge(planes, grey);                  // brightness blotches, not colour ones
            }
            add(image, grey, image, noArray(), CV_8U);
            Draw.gaussian(rng, fine, 5);
            add(image, fine, image, noArray(), CV_8U);
            GaussianBlur(image, image, new Size(3, 3), 0);
        }
    }

    private int u(double x) {
        return (int) Math.round((x - layout.minX()) * PIXELS_PER_METRE);
    }

    private int v(double y) {
        return (int) Math.round((layout.maxY() - y) * PIXELS_PER_METRE);
    }

    @Override
    public void close() {
        image.close();
    }
}
