package org.skypatrol.samples.scenegen;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.noArray;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Renders one frame: the ground texture warped through the camera's ground homography, the actors'
 * shadows, the actors as shaded boxes (far to near), then the lighting swing and sensor noise.
 * The returned Mat belongs to the renderer and is valid until the next {@link #render} call.
 */
final class FrameRenderer implements AutoCloseable {

    private final GroundTexture texture;
    private final Look look;
    private final RNG rng;
    private final Mat frame;
    private final Mat dark;
    private final Mat mask;
    private final Mat noise;
    private final Mat homography = new Mat(3, 3, CV_64F);
    private final double[] sunToward;

    FrameRenderer(GroundTexture texture, Look look, long seed, int width, int height) {
        this.texture = texture;
        this.look = look;
        this.rng = Draw.rng(seed * 31 + 7);
        this.frame = new Mat(height, width, CV_8UC3);
        this.dark = new Mat(height, width, CV_8UC3);
        this.mask = new Mat(height, width, CV_8UC1);
        this.noise = new Mat(height, width, CV_16SC3);
        double n = Math.sqrt(look.sunX() * look.sunX() + look.sunY() * look.sunY() + 1);
        this.sunToward = new double[] {-look.sunX() / n, -look.sunY() / n, 1 / n};
    }

    Mat render(double t, PinholeCamera cam, List<Actor> actors) {
        ground(cam);
        List<Actor> present = actors.stream().filter(a -> a.path().present(t)).toList();
        shadows(t, cam, present);
        bodies(t, cam, present);
        frame.convertTo(frame, -1, look.gain(t), 0);
        if (look.noiseSigma() > 0) {
            Draw.gaussian(rng, noise, look.noiseSigma());
            add(frame, noise, frame, noArray(), CV_8U);
        }
        return frame;
    }

    private void ground(PinholeCamera cam) {
        double[] g = cam.groundToPixel();
        double[] tg = texture.textureToGround();
        DoubleIndexer idx = homography.createIndexer();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                idx.put(i, j, g[i * 3] * tg[j] + g[i * 3 + 1] * tg[3 + j] + g[i * 3 + 2] * tg[6 + j]);
            }
        }
        idx.close();
        warpPerspective(texture.image(), frame, homography, new Size(frame.cols(), frame.rows()), INTER_LINEAR,
                BORDER_CONSTANT, GroundTexture.GRASS);
    }

    private void shadows(double t, PinholeCamera cam, List<Actor> present) {
        mask.put(new Scalar(0));
        Scalar white = new Scalar(255);
        for (Actor a : present) {
            Pt p = a.path().position(t);
            double h = a.path().headingDeg(t);
            List<ActorShape.Part> parts = ActorShape.parts(a);
            double[] ground = new double[parts.size() * 16];
            int k = 0;
            for (ActorShape.Part part : parts) {
                for (double[] c : ActorShape.corners(part, p.x(), p.y(), h)) {
                    ground[k++] = c[0] + look.sunX() * c[2];
                    ground[k++] = c[1] + look.sunY() * c[2];
                }
            }
            double[] hull = Draw.hull(ground);
            double[] px = new double[hull.length];
            boolean ok = true;
            for (int i = 0; i < hull.length / 2 && ok; i++) {
                double[] q = cam.project(hull[2 * i], hull[2 * i + 1], 0);
                ok = q != null;
                if (ok) {
                    px[2 * i] = q[0];
                    px[2 * i + 1] = q[1];
                }
            }
            if (ok) {
                Draw.convex(mask, px, white);
            }
        }
        frame.convertTo(dark, -1, 1 - look.shadowStrength(), 0);
        dark.copyTo(frame, mask);
    }

    private record Placed(double[][] corners, int rgb, double distance) {
    }

    private void bodies(double t, PinholeCamera cam, List<Actor> present) {
        List<Placed> placed = new ArrayList<>();
        for (Actor a : present) {
            Pt p = a.path().position(t);
            double h = a.path().headingDeg(t);
            for (ActorShape.Part part : ActorShape.parts(a)) {
                double[][] c = ActorShape.corners(part, p.x(), p.y(), h);
                double cx = 0;
                double cy = 0;
                for (double[] q : c) {
                    cx += q[0] / 8;
                    cy += q[1] / 8;
                }
                placed.add(new Placed(c, part.rgb(), cam.distance(cx, cy, (part.z0() + part.z1()) / 2)));
            }
        }
        placed.sort(Comparator.comparingDouble(Placed::distance).reversed());
        for (Placed p : placed) {
            box(cam, p);
        }
    }

    private static final int[][] FACES = {{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}, {4, 5, 6, 7}};

    /** Visible faces of a box (back faces culled), shaded by the sun. */
    private void box(PinholeCamera cam, Placed p) {
        double[][] c = p.corners();
        double[][] px = new double[8][];
        for (int i = 0; i < 8; i++) {
            px[i] = cam.project(c[i][0], c[i][1], c[i][2]);
            if (px[i] == null) {
                return;
            }
        }
        double bx = 0;
        double by = 0;
        for (int i = 0; i < 4; i++) {
            bx += c[i][0] / 4;
            by += c[i][1] / 4;
        }
        for (int f = 0; f < FACES.length; f++) {
            int[] face = FACES[f];
            double fx = 0;
            double fy = 0;
            double fz = 0;
            for (int i : face) {
                fx += c[i][0] / 4;
                fy += c[i][1] / 4;
                fz += c[i][2] / 4;
            }
            double[] normal = f == 4 ? new double[] {0, 0, 1} : unit(fx - bx, fy - by, 0);
            double toCam = (cam.x() - fx) * normal[0] + (cam.y() - fy) * normal[1] + (cam.heightMetres() - fz) * normal[2];
            if (toCam <= 0) {
                continue;
            }
            double lit = Math.max(0, normal[0] * sunToward[0] + normal[1] * sunToward[1] + normal[2] * sunToward[2]);
            double[] xy = new double[8];
            for (int i = 0; i < 4; i++) {
                xy[2 * i] = px[face[i]][0];
                xy[2 * i + 1] = px[face[i]][1];
            }
            Draw.convex(frame, xy, Draw.bgr(p.rgb(), 0.45 + 0.65 * lit));
        }
    }

    private static double[] unit(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        return n < 1e-12 ? new double[] {0, 0, 1} : new double[] {x / n, y / n, z / n};
    }

    /** Pixel bounding box [left, top, width, height] of an actor at time t, clipped to the frame; null if unseen. */
    static int[] bbox(Actor a, double t, PinholeCamera cam) {
        if (!a.path().present(t)) {
            return null;
        }
        Pt p = a.path().position(t);
        double h = a.path().headingDeg(t);
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (ActorShape.Part part : ActorShape.parts(a)) {
            for (double[] c : ActorShape.corners(part, p.x(), p.y(), h)) {
                double[] q = cam.project(c[0], c[1], c[2]);
                if (q == null) {
                    return null;
                }
                x0 = Math.min(x0, q[0]);
                y0 = Math.min(y0, q[1]);
                x1 = Math.max(x1, q[0]);
                y1 = Math.max(y1, q[1]);
            }
        }
        int l = (int) Math.max(0, Math.floor(x0));
        int tp = (int) Math.max(0, Math.floor(y0));
        int r = (int) Math.min(cam.width(), Math.ceil(x1));
        int b = (int) Math.min(cam.height(), Math.ceil(y1));
        return r <= l || b <= tp ? null : new int[] {l, tp, r - l, b - tp};
    }

    @Override
    public void close() {
        frame.close();
        dark.close();
        mask.close();
        noise.close();
        homography.close();
    }
}
