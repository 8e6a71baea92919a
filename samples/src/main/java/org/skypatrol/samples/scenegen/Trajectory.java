package org.skypatrol.samples.scenegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A scripted path on the ground: keyframes (seconds, metres) joined by straight segments, with the
 * heading taken from the direction of motion (kept while stopped). The object exists from the first
 * keyframe to the last. Named marks record the time of script moments ("stopped", "crossed") so a
 * scenario can state its ground truth from the same numbers that drive the motion.
 */
public final class Trajectory {

    private final double[] t;
    private final double[] x;
    private final double[] y;
    private final double[] heading;
    private final Map<String, Double> marks;

    private Trajectory(List<double[]> keys, double initialHeadingDeg, Map<String, Double> marks) {
        // a keyframe is {t, x, y, reversing}: reversing segments face away from their motion
        int n = keys.size();
        t = new double[n];
        x = new double[n];
        y = new double[n];
        heading = new double[n];
        double h = initialHeadingDeg;
        for (int i = 0; i < n; i++) {
            double[] k = keys.get(i);
            t[i] = k[0];
            x[i] = k[1];
            y[i] = k[2];
        }
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && Math.hypot(x[i + 1] - x[i], y[i + 1] - y[i]) > 1e-4) {
                boolean reversing = keys.get(i + 1).length > 3 && keys.get(i + 1)[3] > 0;
                h = Math.toDegrees(Math.atan2(x[i + 1] - x[i], y[i + 1] - y[i])) + (reversing ? 180 : 0);
            }
            heading[i] = h;         // heading of the segment starting at keyframe i
        }
        this.marks = Map.copyOf(marks);
    }

    public double startTime() {
        return t[0];
    }

    public double endTime() {
        return t[t.length - 1];
    }

    public boolean present(double time) {
        return time >= t[0] && time <= t[t.length - 1];
    }

    /** The time of a named script moment. */
    public double mark(String name) {
        Double v = marks.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no mark '" + name + "' (have " + marks.keySet() + ")");
        }
        return v;
    }

    public Pt position(double time) {
        int i = segment(time);
        if (i + 1 >= t.length) {
            return new Pt(x[i], y[i]);
        }
        double f = t[i + 1] > t[i] ? (time - t[i]) / (t[i + 1] - t[i]) : 0;
        f = Math.max(0, Math.min(1, f));
        return new Pt(x[i] + (x[i + 1] - x[i]) * f, y[i] + (y[i + 1] - y[i]) * f);
    }

    /** Heading in degrees, 0 = north, clockwise. */
    public double headingDeg(double time) {
        return heading[segment(time)];
    }

    public double speedMps(double time) {
        int i = segment(time);
        if (i + 1 >= t.length || t[i + 1] <= t[i]) {
            return 0;
        }
        return Math.hypot(x[i + 1] - x[i], y[i + 1] - y[i]) / (t[i + 1] - t[i]);
    }

    private int segment(double time) {
        if (time <= t[0]) {
            return 0;
        }
        int lo = 0;
        int hi = t.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= time) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return time >= t[t.length - 1] ? t.length - 1 : lo;
    }

    /** Starts a path at time {@code t0} at (x, y), facing {@code headingDeg} until it first moves. */
    public static Builder from(double t0, double x, double y, double headingDeg) {
        return new Builder(t0, x, y, headingDeg);
    }

    /** Script of a path; each step appends keyframes at the current end. */
    public static final class Builder {
        private static final double STEP_SECONDS = 0.1;
        private final List<double[]> keys = new ArrayList<>();
        private final Map<String, Double> marks = new HashMap<>();
        private final double initialHeading;
        private double speed;

        private Builder(double t0, double x, double y, double headingDeg) {
            keys.add(new double[] {t0, x, y});
            this.initialHeading = headingDeg;
        }

        public double now() {
            return last()[0];
        }

        public Pt here() {
            return new Pt(last()[1], last()[2]);
        }

        /** Straight to (x, y) at a constant speed. */
        public Builder moveTo(double x, double y, double speedMps) {
            double[] l = last();
            double d = Math.hypot(x - l[1], y - l[2]);
            keys.add(new double[] {l[0] + d / speedMps, x, y});
            speed = speedMps;
            return this;
        }

        /** Sets the speed the next {@link #rampTo} starts from (a path that begins already moving). */
        public Builder speed(double speedMps) {
            speed = speedMps;
            return this;
        }

        /** Backs up straight to (x, y) at a constant speed, still facing the way it faced. */
        public Builder reverseTo(double x, double y, double speedMps) {
            double[] l = last();
            double d = Math.hypot(x - l[1], y - l[2]);
            keys.add(new double[] {l[0] + d / speedMps, x, y, 1});
            speed = 0;
            return this;
        }

        /** Wanders: straight legs at {@code speedMps} to random points within {@code radius} of (cx, cy) until {@code untilT}. */
        public Builder stroll(double cx, double cy, double radius, double speedMps, double untilT, SplittableRandom rng) {
            while (now() < untilT) {
                double a = rng.nextDouble() * 2 * Math.PI;
                double r = radius * Math.sqrt(rng.nextDouble());
                double tx = cx + r * Math.sin(a);
                double ty = cy + r * Math.cos(a);
                double[] l = last();
                double d = Math.hypot(tx - l[1], ty - l[2]);
                double dur = d / speedMps;
                if (now() + dur > untilT) {
                    double f = (untilT - now()) / dur;
                    keys.add(new double[] {untilT, l[1] + (tx - l[1]) * f, l[2] + (ty - l[2]) * f});
                } else {
                    keys.add(new double[] {now() + dur, tx, ty});
                }
            }
            speed = speedMps;
            return this;
        }

        /** Straight to (x, y), changing speed uniformly from the current speed to {@code endSpeedMps}. */
        public Builder rampTo(double x, double y, double endSpeedMps) {
            double[] l = last();
            double d = Math.hypot(x - l[1], y - l[2]);
            double v0 = speed;
            double dur = 2 * d / Math.max(1e-6, v0 + endSpeedMps);
            double a = (endSpeedMps - v0) / dur;
            int n = Math.max(1, (int) Math.ceil(dur / STEP_SECONDS));
            for (int i = 1; i <= n; i++) {
                double tt = dur * i / n;
                double s = Math.min(d, v0 * tt + 0.5 * a * tt * tt) / d;
                keys.add(new double[] {l[0] + tt, l[1] + (x - l[1]) * s, l[2] + (y - l[2]) * s});
            }
            speed = endSpeedMps;
            return this;
        }

        /** Circular arc about (cx, cy) through {@code sweepDeg} (positive = clockwise seen from above). */
        public Builder arc(double cx, double cy, double sweepDeg, double speedMps) {
            double[] l = last();
            double r = Math.hypot(l[1] - cx, l[2] - cy);
            double a0 = Math.atan2(l[1] - cx, l[2] - cy);          // bearing from centre, clockwise from north
            double sweep = Math.toRadians(sweepDeg);
            double dur = Math.abs(sweep) * r / speedMps;
            int n = Math.max(2, (int) Math.ceil(dur / STEP_SECONDS));
            for (int i = 1; i <= n; i++) {
                double a = a0 + sweep * i / n;
                keys.add(new double[] {l[0] + dur * i / n, cx + r * Math.sin(a), cy + r * Math.cos(a)});
            }
            speed = speedMps;
            return this;
        }

        /** Stands still for a while. */
        public Builder stay(double seconds) {
            double[] l = last();
            keys.add(new double[] {l[0] + seconds, l[1], l[2]});
            speed = 0;
            return this;
        }

        /**
         * Erratic motion around the current spot: a new random target within {@code radius} every
         * {@code stepSeconds}, reached at once (high-energy motion, as in a scuffle), ending back home.
         */
        public Builder jitter(double seconds, double radius, double stepSeconds, SplittableRandom rng) {
            double[] home = last();
            int n = Math.max(1, (int) Math.round(seconds / stepSeconds));
            for (int i = 1; i < n; i++) {
                double a = rng.nextDouble() * 2 * Math.PI;
                double r = radius * Math.sqrt(rng.nextDouble());
                keys.add(new double[] {home[0] + i * stepSeconds, home[1] + r * Math.sin(a), home[2] + r * Math.cos(a)});
            }
            keys.add(new double[] {home[0] + seconds, home[1], home[2]});
            speed = 0;
            return this;
        }

        /** Records the current end time under a name. */
        public Builder mark(String name) {
            marks.put(name, now());
            return this;
        }

        public Trajectory build() {
            return new Trajectory(keys, initialHeading, marks);
        }

        private double[] last() {
            return keys.get(keys.size() - 1);
        }
    }
}
