package org.skypatrol.samples.scenegen;

import java.util.ArrayList;
import java.util.List;

/**
 * An actor as a few boxes in its own frame (forward along its heading, right across it, z up), and
 * their corners placed on the ground at a time. Crude on purpose: a detector sees a blob of the right
 * size, colour and shading, which is what the classical pipeline works from.
 */
final class ActorShape {

    /** A box: forward f0..f1, right r0..r1, height z0..z1 (metres), its colour and shade factor. */
    record Part(double f0, double f1, double r0, double r1, double z0, double z1, int rgb) {
    }

    private static final int SKIN = 0xC89070;
    private static final int DARK = 0x2A2A30;
    private static final int GLASS = 0x30404C;

    private ActorShape() {
    }

    static List<Part> parts(Actor a) {
        double l = a.lengthMetres() / 2;
        double w = a.widthMetres() / 2;
        double h = a.heightMetres();
        List<Part> p = new ArrayList<>();
        switch (a.kind()) {
            case CAR -> {
                p.add(new Part(-l, l, -w, w, 0.25, h * 0.62, a.rgb()));
                p.add(new Part(-l * 0.55, l * 0.35, -w * 0.88, w * 0.88, h * 0.62, h, mix(a.rgb(), GLASS)));
            }
            case VAN -> {
                p.add(new Part(-l, l, -w, w, 0.3, h * 0.55, a.rgb()));
                p.add(new Part(-l, l * 0.6, -w, w, h * 0.55, h, a.rgb()));
            }
            case BUS -> p.add(new Part(-l, l, -w, w, 0.3, h, a.rgb()));
            case TRUCK -> {
                p.add(new Part(l - 2.3, l, -w * 0.95, w * 0.95, 0.4, 2.9, a.rgb()));
                p.add(new Part(-l, l - 2.6, -w, w, 0.9, h, 0xD8D8D0));
            }
            case BICYCLE, MOTORCYCLE -> {
                double frame = a.kind() == ActorKind.BICYCLE ? 0.06 : 0.25;
                p.add(new Part(-l, l, -frame, frame, 0.25, 0.85, DARK));
                p.add(new Part(-0.3, 0.15, -0.2, 0.2, 0.85, h - 0.22, a.rgb()));
                p.add(new Part(-0.15, 0.07, -0.11, 0.11, h - 0.22, h, a.kind() == ActorKind.BICYCLE ? SKIN : DARK));
            }
            case PERSON -> {
                p.add(new Part(-0.11, 0.11, -w * 0.8, w * 0.8, 0, 0.85, DARK));
                p.add(new Part(-l / 2, l / 2, -w, w, 0.85, h - 0.22, a.rgb()));
                p.add(new Part(-0.1, 0.1, -0.1, 0.1, h - 0.22, h, SKIN));
            }
            case OBJECT -> p.add(new Part(-l, l, -w, w, 0, h, a.rgb()));
        }
        return p;
    }

    /** The 8 corners of a part placed at (x, y) facing {@code headingDeg}: [x, y, z] * 8, bottom ring first. */
    static double[][] corners(Part part, double x, double y, double headingDeg) {
        double hr = Math.toRadians(headingDeg);
        double fx = Math.sin(hr);
        double fy = Math.cos(hr);
        double rx = Math.cos(hr);
        double ry = -Math.sin(hr);
        double[][] c = new double[8][];
        double[][] fr = {{part.f0(), part.r0()}, {part.f1(), part.r0()}, {part.f1(), part.r1()}, {part.f0(), part.r1()}};
        for (int i = 0; i < 4; i++) {
            double gx = x + fr[i][0] * fx + fr[i][1] * rx;
            double gy = y + fr[i][0] * fy + fr[i][1] * ry;
            c[i] = new double[] {gx, gy, part.z0()};
            c[i + 4] = new double[] {gx, gy, part.z1()};
        }
        return c;
    }

    private static int mix(int a, int b) {
        int r = (((a >> 16) & 0xff) + 3 * ((b >> 16) & 0xff)) / 4;
        int g = (((a >> 8) & 0xff) + 3 * ((b >> 8) & 0xff)) / 4;
        int bl = ((a & 0xff) + 3 * (b & 0xff)) / 4;
        return (r << 16) | (g << 8) | bl;
    }
}
