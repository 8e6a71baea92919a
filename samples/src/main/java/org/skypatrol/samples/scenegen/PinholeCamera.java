package org.skypatrol.samples.scenegen;

/**
 * A pinhole camera above a flat ground, in the same convention the analytics uses for drone poses
 * (docs/scene-format.md, DESIGN.md): yaw 0 = north, clockwise; pitch 0 = horizon, -90 = straight
 * down (then the image top points along the yaw); roll positive clockwise seen from behind. Square
 * pixels: the vertical field of view follows from the horizontal one and the aspect ratio.
 *
 * <p>Ground points (z = 0) map to pixels by a homography; points above the ground (a car roof, a
 * person's head) go through the full projection, which is what makes boxes look like boxes.
 */
public final class PinholeCamera {

    private final double x;
    private final double y;
    private final double heightMetres;
    private final double yawDeg;
    private final double pitchDeg;
    private final double rollDeg;
    private final double hfovDeg;
    private final int width;
    private final int height;
    private final double[] fwd;
    private final double[] right;
    private final double[] down;
    private final double focalPixels;

    public PinholeCamera(double x, double y, double heightMetres, double yawDeg, double pitchDeg, double rollDeg,
                         double hfovDeg, int width, int height) {
        this.x = x;
        this.y = y;
        this.heightMetres = heightMetres;
        this.yawDeg = yawDeg;
        this.pitchDeg = pitchDeg;
        this.rollDeg = rollDeg;
        this.hfovDeg = hfovDeg;
        this.width = width;
        this.height = height;
        double psi = Math.toRadians(yawDeg);
        double th = Math.toRadians(pitchDeg);
        double phi = Math.toRadians(rollDeg);
        double[] f = {Math.sin(psi) * Math.cos(th), Math.cos(psi) * Math.cos(th), Math.sin(th)};
        double[] r0 = {Math.cos(psi), -Math.sin(psi), 0};
        double[] d0 = cross(f, r0);
        this.fwd = f;
        this.right = new double[] {r0[0] * Math.cos(phi) + d0[0] * Math.sin(phi),
            r0[1] * Math.cos(phi) + d0[1] * Math.sin(phi), r0[2] * Math.cos(phi) + d0[2] * Math.sin(phi)};
        this.down = new double[] {d0[0] * Math.cos(phi) - r0[0] * Math.sin(phi),
            d0[1] * Math.cos(phi) - r0[1] * Math.sin(phi), d0[2] * Math.cos(phi) - r0[2] * Math.sin(phi)};
        this.focalPixels = (width / 2.0) / Math.tan(Math.toRadians(hfovDeg) / 2);
    }

    /** The same camera with yaw, pitch and roll nudged (camera sway). */
    public PinholeCamera swayed(double dYawDeg, double dPitchDeg, double dRollDeg) {
        return new PinholeCamera(x, y, heightMetres, yawDeg + dYawDeg, pitchDeg + dPitchDeg, rollDeg + dRollDeg,
                hfovDeg, width, height);
    }

    /** Pixel [x, y] of a point in metres (z up), or null when it is behind the camera. */
    public double[] project(double gx, double gy, double gz) {
        double px = gx - x;
        double py = gy - y;
        double pz = gz - heightMetres;
        double zc = px * fwd[0] + py * fwd[1] + pz * fwd[2];
        if (zc < 0.5) {
            return null;
        }
        double xc = px * right[0] + py * right[1] + pz * right[2];
        double yc = px * down[0] + py * down[1] + pz * down[2];
        return new double[] {width / 2.0 + focalPixels * xc / zc, height / 2.0 + focalPixels * yc / zc};
    }

    /** The ground point seen at pixel (u, v), or null at or above the horizon. */
    public Pt toGround(double u, double v) {
        double a = (u - width / 2.0) / focalPixels;
        double b = (v - height / 2.0) / focalPixels;
        double[] d = {fwd[0] + a * right[0] + b * down[0], fwd[1] + a * right[1] + b * down[1],
            fwd[2] + a * right[2] + b * down[2]};
        if (d[2] >= -1e-9) {
            return null;
        }
        double k = -heightMetres / d[2];
        return new Pt(x + k * d[0], y + k * d[1]);
    }

    /** Distance from the camera centre to a point, for painter's ordering. */
    public double distance(double gx, double gy, double gz) {
        return Math.sqrt((gx - x) * (gx - x) + (gy - y) * (gy - y) + (gz - heightMetres) * (gz - heightMetres));
    }

    /** Whether a ground point projects inside the frame, at least {@code marginPixels} from its edges. */
    public boolean sees(Pt p, double marginPixels) {
        double[] px = project(p.x(), p.y(), 0);
        return px != null && px[0] >= marginPixels && px[0] <= width - marginPixels
                && px[1] >= marginPixels && px[1] <= height - marginPixels;
    }

    /**
     * Row-major 3x3 homography from ground metres (x, y, 1) to pixels (u, v, 1): K · [r1 r2 t] of the
     * camera with the third column dropped because z = 0.
     */
    public double[] groundToPixel() {
        double[] c = {x, y, heightMetres};
        double[][] rows = {right, down, fwd};
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            m[i * 3] = rows[i][0];
            m[i * 3 + 1] = rows[i][1];
            m[i * 3 + 2] = -(rows[i][0] * c[0] + rows[i][1] * c[1] + rows[i][2] * c[2]);
        }
        double cx = width / 2.0;
        double cy = height / 2.0;
        double[] h = new double[9];
        for (int j = 0; j < 3; j++) {
            h[j] = focalPixels * m[j] + cx * m[6 + j];
            h[3 + j] = focalPixels * m[3 + j] + cy * m[6 + j];
            h[6 + j] = m[6 + j];
        }
        return h;
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    public double heightMetres() {
        return heightMetres;
    }

    public double yawDeg() {
        return yawDeg;
    }

    public double pitchDeg() {
        return pitchDeg;
    }

    public double rollDeg() {
        return rollDeg;
    }

    public double hfovDeg() {
        return hfovDeg;
    }

    /** Vertical field of view for square pixels. */
    public double vfovDeg() {
        return Math.toDegrees(2 * Math.atan(Math.tan(Math.toRadians(hfovDeg) / 2) * height / width));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
