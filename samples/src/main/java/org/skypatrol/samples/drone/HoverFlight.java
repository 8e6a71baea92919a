package org.skypatrol.samples.drone;

/**
 * A drone holding position (ArduPilot POSHOLD) over one point, its camera fixed: the flight of a
 * drone watching a scene, such as the demo's drone over a no-parking kerb. Its camera pose is what a
 * scene file's drone camera describes, so the gateway projects the drone's video onto the ground
 * from this drone's own telemetry.
 *
 * @param heightMetres above the ground (= above home)
 * @param headingDeg   vehicle heading, 0 = north; the gimbal's yaw follows it
 */
public record HoverFlight(double latitudeDeg, double longitudeDeg, double groundMslMetres, double heightMetres,
                          double headingDeg, double gimbalPitchDeg, double horizontalFovDeg,
                          double verticalFovDeg) implements Flight {

    public HoverFlight {
        if (heightMetres <= 0 || gimbalPitchDeg < -90 || gimbalPitchDeg > 0 || horizontalFovDeg <= 0
                || horizontalFovDeg >= 180 || verticalFovDeg <= 0 || verticalFovDeg >= 180) {
            throw new IllegalArgumentException("hover needs a height > 0, a gimbal pitch in [-90, 0] and fields of"
                    + " view in (0, 180) degrees");
        }
    }

    @Override
    public FlightState at(double seconds) {
        double[] battery = Flight.battery(seconds);
        return new FlightState(latitudeDeg, longitudeDeg, groundMslMetres + heightMetres, heightMetres,
                0, 0, 0, 0, 0, 0, headingDeg, battery[0], 12.0, (int) Math.round(battery[1]));
    }
}
