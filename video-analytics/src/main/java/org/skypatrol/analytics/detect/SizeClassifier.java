package org.skypatrol.analytics.detect;

import java.util.Optional;

import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Vec2;

/**
 * Classifies a blob by its size on the ground (DESIGN.md: classification by size needs metres, so it
 * comes after the ground projection). The ground width comes from the box's bottom edge projected
 * to the ground. Near straight-down views (the ground scale is about equal along both image axes)
 * the box is a footprint and both sides are ground lengths; in oblique views the box's height in
 * pixels times the horizontal ground scale approximates the object's upright height.
 * Speed refines the class in the tracker (a "person" at 5 m/s is a cyclist).
 */
public final class SizeClassifier {

    /**
     * Widest oblique blob still a person (metres at the foot): a person is ~0.5 m wide, the sun's shadow
     * beside them adds up to ~0.5x their height (0.85 m at a 63° sun), and the blob's blur about a
     * pixel each side. A car seen end-on is 1.7-1.9 m wide before its shadow.
     */
    static final double PERSON_MAX_WIDTH = 1.7;
    /**
     * Tallest oblique blob still a person: 1.7-1.9 m upright plus its foreshortened footprint and
     * shadow (~1 m in views 30-60° down); a car driving towards the camera spans 3.5 m or more.
     */
    static final double PERSON_MAX_HEIGHT = 3.5;
    /** Shortest oblique blob still a whole person: a child of 1 m; smaller upright blobs are objects. */
    static final double PERSON_MIN_HEIGHT = 1.0;

    private SizeClassifier() {
    }

    /**
     * Ground size of a box: width and length (nadir) or width and height (oblique), metres; with the
     * box's height in pixels times the horizontal ground scale at its foot ({@code uprightMetres}) and
     * the sine of the view's elevation there ({@code sinElevation}: the horizontal over the vertical
     * ground scale, 1 straight down).
     */
    public record GroundSize(double widthMetres, double lengthMetres, boolean nadir, double uprightMetres,
                             double sinElevation) {
        /** Without the view's elevation: straight down if nadir, else a 30° oblique view. */
        public GroundSize(double widthMetres, double lengthMetres, boolean nadir) {
            this(widthMetres, lengthMetres, nadir, lengthMetres, nadir ? 1 : 0.5);
        }

        public double longest() {
            return Math.max(widthMetres, lengthMetres);
        }

        /**
         * The box's extent along the image's vertical over that of a {@link #REF_HEIGHT} m tall,
         * {@link #REF_LENGTH} m long vehicle seen lengthwise at the same elevation e: such a vehicle
         * spans about H cos e + L sin e metres of the horizontal scale (its height foreshortened by the
         * view, its length by the ground's slant). Over {@link #LARGE_EXTENT} the blob is a bus or a
         * truck at every distance and view (a van, 5.2 x 2.1 m, stays under 0.76 from 30° down to
         * straight down, a truck, 11 x 3.6 m, over 0.95).
         */
        /**
         * Ground length of what the box holds along the view, metres, for vehicles {@code heightMetres}
         * tall: straight down its longest side; obliquely its upright extent less the height's share
         * (H cos e), over the ground's slant (sin e), as in {@link #lengthwiseExtent}. A lower bound for
         * a long box (the ground scale at its foot is the finest it spans).
         */
        public double groundLengthMetres(double heightMetres) {
            if (nadir) {
                return longest();
            }
            double sin = Math.max(0.05, Math.min(1, sinElevation));
            double cos = Math.sqrt(1 - sin * sin);
            return Math.max(0, (uprightMetres - heightMetres * cos) / sin);
        }

        public double lengthwiseExtent() {
            double sin = Math.max(0.05, Math.min(1, sinElevation));
            double cos = Math.sqrt(1 - sin * sin);
            return uprightMetres / (REF_HEIGHT * cos + REF_LENGTH * sin);
        }
    }

    /** The reference vehicle between vans and trucks ({@link GroundSize#lengthwiseExtent}), metres. */
    static final double REF_HEIGHT = 2.8;
    static final double REF_LENGTH = 8.0;
    /** Lengthwise extent (relative to the reference vehicle) over which a vehicle is large. */
    static final double LARGE_EXTENT = 0.85;
    /**
     * Lengthwise extent over which a blob is longer than one car (a car measures 0.45-0.6, a van up to
     * 0.76, two cars nose to tail 0.85 and more).
     */
    static final double CAR_EXTENT = 0.7;
    /**
     * Ground width over which a blob is a large vehicle seen side-on or across a straight-down view: a
     * car with its shadow and the trail of its motion measures up to 7.1 m at 11 m/s from a drone 45 m
     * up, a truck 11 m and more.
     */
    static final double LARGE_WIDTH = 8.5;

    public static Optional<GroundSize> measure(Box b, GroundMapping m) {
        Optional<Vec2> bl = m.toGround(new Vec2(b.x(), b.y() + b.h()));
        Optional<Vec2> br = m.toGround(new Vec2(b.x() + b.w(), b.y() + b.h()));
        Optional<Vec2> top = m.toGround(new Vec2(b.x() + b.w() / 2, b.y()));
        Optional<Vec2> foot = m.toGround(b.foot());
        if (bl.isEmpty() || br.isEmpty() || foot.isEmpty()) {
            return Optional.empty();
        }
        double width = bl.get().distance(br.get());
        double mppX = width / Math.max(1, b.w());
        Optional<Vec2> up = m.toGround(b.foot().minus(new Vec2(0, 1)));
        double mppY = up.map(u -> u.distance(foot.get())).orElse(Double.POSITIVE_INFINITY);
        boolean nadir = mppY < 1.6 * mppX;
        double upright = b.h() * mppX;
        double length = nadir && top.isPresent() ? top.get().distance(foot.get()) : upright;
        return Optional.of(new GroundSize(width, length, nadir, upright, Math.min(1, mppX / mppY)));
    }

    /** Class by size alone; the tracker refines with speed. */
    public static ObjectClass classify(GroundSize s) {
        if (s.nadir()) {
            double big = s.longest();
            double small = Math.min(s.widthMetres(), s.lengthMetres());
            if (big < 1.2) {
                return ObjectClass.PERSON;
            }
            if (big < 2.4 && small < 1.1) {
                return ObjectClass.BICYCLE;
            }
            return vehicle(s);
        }
        double w = s.widthMetres();
        double h = s.lengthMetres();
        if (w < PERSON_MAX_WIDTH && h > 1.15 * w && h >= PERSON_MIN_HEIGHT && h < PERSON_MAX_HEIGHT) {
            return ObjectClass.PERSON;
        }
        if (w < PERSON_MAX_WIDTH && h >= PERSON_MAX_HEIGHT) {
            return ObjectClass.UNKNOWN;                 // narrow and taller than anyone: a pole's sway, a merged column
        }
        if (w < 1.3) {
            return ObjectClass.STATIC_OBJECT;
        }
        return vehicle(s);
    }

    /** Whether a vehicle-sized blob is longer or wider than one car: two cars one behind the other, or a large vehicle. */
    public static boolean longerThanACar(GroundSize s) {
        return s.widthMetres() >= LARGE_WIDTH || s.lengthwiseExtent() > CAR_EXTENT;
    }

    /**
     * Car or large vehicle: large if it is wide across the image (a truck side-on) or long along it
     * ({@link GroundSize#lengthwiseExtent}). The along-image test measures the box against what a
     * vehicle between a van and a truck would span at that elevation, so it holds near the camera and
     * far from it alike: a plain height threshold took vans and even cars near an oblique camera
     * (whose boxes span their foreshortened length too) for trucks, and far trucks for cars.
     */
    private static ObjectClass vehicle(GroundSize s) {
        if ((s.nadir() ? s.longest() : s.widthMetres()) >= 25) {
            return ObjectClass.UNKNOWN;
        }
        return s.widthMetres() >= LARGE_WIDTH || s.lengthwiseExtent() > LARGE_EXTENT ? ObjectClass.TRUCK : ObjectClass.CAR;
    }
}
