package org.skypatrol.samples.drone;

/**
 * The simulated drone's state at one instant, in SI units (the simulator converts to MAVLink's
 * wire units when it sends).
 */
public record FlightState(
        double latitudeDeg, double longitudeDeg, double altitudeMslMetres, double altitudeRelativeMetres,
        double northMps, double eastMps, double downMps, double groundSpeedMps,
        double rollDeg, double pitchDeg, double yawDeg,
        double batteryVolts, double batteryAmps, int batteryRemainingPercent) {
}
