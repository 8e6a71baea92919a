package org.skypatrol.samples.drone;

/**
 * What a {@link SimulatedDrone} flies: its state as a pure function of the time since take-off, and
 * where its camera looks (gimbal pitch with yaw locked to the vehicle's heading, and the lens's field
 * of view, as GIMBAL_DEVICE_ATTITUDE_STATUS and CAMERA_FOV_STATUS report them).
 */
public interface Flight {

    /** State after {@code seconds} of flight. */
    FlightState at(double seconds);

    /** Gimbal pitch in degrees, negative down (-90: straight down). */
    double gimbalPitchDeg();

    double horizontalFovDeg();

    double verticalFovDeg();

    /**
     * Battery of a 4S pack after {@code seconds} of flight: 16.8 V full, 14.0 V empty, about 40
     * minutes; {@code [volts, percent]}.
     */
    static double[] battery(double seconds) {
        double remaining = Math.max(0, 100 - seconds / 24.0);
        return new double[] {14.0 + 2.8 * remaining / 100, remaining};
    }
}
