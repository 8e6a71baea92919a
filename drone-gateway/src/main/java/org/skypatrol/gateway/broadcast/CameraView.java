package org.skypatrol.gateway.broadcast;

import java.util.Optional;

import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * Whether a drone's camera sees a ground point: the point, seen from the camera position, lies
 * inside the camera's field of view (a pinhole frustum) and below the horizon. Uses the drone's
 * position (height above the take-off point as height above the ground), the gimbal's earth-frame
 * yaw and pitch (pitch -90 = straight down) and the field of view. Over the few hundred metres a
 * drone camera sees, the local flat-earth (equirectangular) approximation is far below a metre.
 */
public final class CameraView {

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private CameraView() {
    }

    /** True/false when the pose is known, empty when something needed is missing. */
    public static Optional<Boolean> sees(Telemetry t, double latitudeDeg, double longitudeDeg) {
        if (t == null || t.position() == null || t.position().altitudeRelativeMetres() == null
                || t.gimbal() == null || t.camera() == null) {
            return Optional.empty();
        }
        double h = t.position().altitudeRelativeMetres();
        if (h <= 0) {
            return Optional.of(false);
        }
        double lat0 = Math.toRadians(t.position().latitudeDeg());
        double east = Math.toRadians(longitudeDeg - t.position().longitudeDeg()) * Math.cos(lat0) * EARTH_RADIUS_METRES;
        double north = Math.toRadians(latitudeDeg - t.position().latitudeDeg()) * EARTH_RADIUS_METRES;
        double[] v = {east, north, -h};                             // camera → point, ENU
        double yaw = Math.toRadians(t.gimbal().yawDeg());
        double pitch = Math.toRadians(t.gimbal().pitchDeg());
        double[] fwd = {Math.sin(yaw) * Math.cos(pitch), Math.cos(yaw) * Math.cos(pitch), Math.sin(pitch)};
        double[] right = {Math.cos(yaw), -Math.sin(yaw), 0};
        double[] up = cross(right, fwd);
        double z = dot(v, fwd);
        if (z <= 0) {
            return Optional.of(false);                              // behind the camera
        }
        double x = Math.toDegrees(Math.atan2(Math.abs(dot(v, right)), z));
        double y = Math.toDegrees(Math.atan2(Math.abs(dot(v, up)), z));
        return Optional.of(x <= t.camera().horizontalDeg() / 2 && y <= t.camera().verticalDeg() / 2);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
