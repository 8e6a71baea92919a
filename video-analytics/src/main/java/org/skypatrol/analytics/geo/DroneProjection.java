package org.skypatrol.analytics.geo;

import java.util.Optional;

/**
 * Pinhole projection of a drone camera through its pose onto flat ground (z = 0 in the local
 * east-north-up frame of {@code enu}). Camera axes: x right, y down, z forward (optical axis).
 * With yaw ψ and pitch θ the forward axis is (sinψ·cosθ, cosψ·cosθ, sinθ) in ENU; at zero roll the
 * right axis is horizontal (cosψ, −sinψ, 0) and down = forward × right; roll turns right/down
 * about forward. Straight down (θ = −90°) the image top points along ψ.
 */
public final class DroneProjection implements GroundMapping {

    private final double[] cam;     // camera position in ENU metres (x, y, z)
    private final double[] fwd;
    private final double[] right;
    private final double[] down;
    private final double fx;
    private final double fy;
    private final double cx;
    private final double cy;
    private final LocalEnu enu;

    public DroneProjection(CameraPose pose, LocalEnu enu, int width, int height) {
        this.enu = enu;
        Vec2 g = enu.toGround(pose.position());
        this.cam = new double[] {g.x(), g.y(), pose.heightAboveGroundMetres()};
        double psi = Math.toRadians(pose.yawDeg());
        double th = Math.toRadians(pose.pitchDeg());
        double phi = Math.toRadians(pose.rollDeg());
        double[] f = {Math.sin(psi) * Math.cos(th), Math.cos(psi) * Math.cos(th), Math.sin(th)};
        double[] r0 = {Math.cos(psi), -Math.sin(psi), 0};
        double[] d0 = cross(f, r0);
        this.fwd = f;
        this.right = add(scale(r0, Math.cos(phi)), scale(d0, Math.sin(phi)));
        this.down = add(scale(d0, Math.cos(phi)), scale(r0, -Math.sin(phi)));
        this.cx = width / 2.0;
        this.cy = height / 2.0;
        this.fx = cx / Math.tan(Math.toRadians(pose.horizontalFovDeg()) / 2);
        this.fy = cy / Math.tan(Math.toRadians(pose.verticalFovDeg()) / 2);
    }

    public LocalEnu enu() {
        return enu;
    }

    @Override
    public Optional<Vec2> toGround(Vec2 pixel) {
        double a = (pixel.x() - cx) / fx;
        double b = (pixel.y() - cy) / fy;
        double[] d = add(add(fwd, scale(right, a)), scale(down, b));
        if (d[2] >= -1e-9 || cam[2] <= 0) {
            return Optional.empty();            // at or above the horizon: never meets the ground
        }
        double t = -cam[2] / d[2];
        return Optional.of(new Vec2(cam[0] + t * d[0], cam[1] + t * d[1]));
    }

    @Override
    public Optional<Vec2> toPixel(Vec2 ground) {
        double[] p = {ground.x() - cam[0], ground.y() - cam[1], -cam[2]};
        double z = dot(p, fwd);
        if (z <= 1e-9) {
            return Optional.empty();            // behind the camera
        }
        return Optional.of(new Vec2(cx + fx * dot(p, right) / z, cy + fy * dot(p, down) / z));
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    private static double[] scale(double[] a, double k) {
        return new double[] {a[0] * k, a[1] * k, a[2] * k};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
