package org.skypatrol.analytics.geo;

/**
 * A drone camera's pose at one instant: where it is, how high above the (flat) ground, and where the
 * camera looks in the earth frame.
 *
 * @param position          WGS-84 position of the camera
 * @param heightAboveGroundMetres height of the camera above the ground plane
 * @param yawDeg            camera yaw (gimbal yaw in the earth frame, else vehicle heading + gimbal
 *                          yaw), 0 = north, clockwise
 * @param pitchDeg          camera pitch: 0 = horizon, -90 = straight down
 * @param rollDeg           camera roll about its optical axis, positive = clockwise seen from behind
 * @param horizontalFovDeg  horizontal field of view
 * @param verticalFovDeg    vertical field of view
 */
public record CameraPose(LatLon position, double heightAboveGroundMetres, double yawDeg, double pitchDeg,
                         double rollDeg, double horizontalFovDeg, double verticalFovDeg) {

    /** Linear interpolation between two poses (angles along the shorter arc); f in [0,1]. */
    public static CameraPose interpolate(CameraPose a, CameraPose b, double f) {
        return new CameraPose(
                new LatLon(lerp(a.position.latDeg(), b.position.latDeg(), f),
                        lerp(a.position.lonDeg(), b.position.lonDeg(), f)),
                lerp(a.heightAboveGroundMetres, b.heightAboveGroundMetres, f),
                lerpAngle(a.yawDeg, b.yawDeg, f), lerpAngle(a.pitchDeg, b.pitchDeg, f),
                lerpAngle(a.rollDeg, b.rollDeg, f),
                lerp(a.horizontalFovDeg, b.horizontalFovDeg, f), lerp(a.verticalFovDeg, b.verticalFovDeg, f));
    }

    private static double lerp(double a, double b, double f) {
        return a + (b - a) * f;
    }

    private static double lerpAngle(double a, double b, double f) {
        double d = ((b - a) % 360 + 540) % 360 - 180;
        return a + d * f;
    }
}
