package org.skypatrol.protocols.telemetry;

import java.time.Instant;

/**
 * One normalised telemetry sample of a drone, whatever its transport (MAVLink or DJI Cloud API).
 *
 * <p>All values are SI units with the unit in the name. A component the drone has not reported yet is
 * {@code null}; consumers never see a made-up zero. This is the record the MQTT {@code telemetry}
 * topic carries, the pose source for a drone's video and the track stored with recordings.
 *
 * @param droneId          the registry id of the drone (configured name, or {@code sysid}/serial)
 * @param source           which transport produced it
 * @param time             when the gateway received the newest component (UTC)
 * @param position         WGS-84 position and altitudes, or null
 * @param headingDeg       heading over ground, 0..360 clockwise from true north, or null
 * @param velocity         NED velocity and ground/air speeds, or null
 * @param attitude         vehicle attitude, or null
 * @param battery          battery state, or null
 * @param gnss             GNSS fix state, or null
 * @param flightMode       mode name (ArduPilot/PX4/DJI vocabulary mapped to names), or null
 * @param armed            whether motors are armed, or null
 * @param gimbal           camera gimbal attitude in the earth frame, or null
 * @param camera           camera field of view, or null
 */
public record Telemetry(
        String droneId,
        Source source,
        Instant time,
        Position position,
        Double headingDeg,
        Velocity velocity,
        Attitude attitude,
        Battery battery,
        Gnss gnss,
        String flightMode,
        Boolean armed,
        Gimbal gimbal,
        CameraFov camera) {

    /** The transport a sample came from. */
    public enum Source { MAVLINK, DJI, SIMULATED }

    /** WGS-84 position; altitudes in metres above mean sea level and above the home/take-off point. */
    public record Position(double latitudeDeg, double longitudeDeg, Double altitudeMslMetres,
                           Double altitudeRelativeMetres) {
    }

    /** Velocity in the local NED frame, plus scalar speeds. */
    public record Velocity(Double northMps, Double eastMps, Double downMps, Double groundSpeedMps,
                           Double airSpeedMps) {
    }

    /** Euler angles of the vehicle body in degrees (yaw 0..360 from north). */
    public record Attitude(double rollDeg, double pitchDeg, double yawDeg) {
    }

    /** Battery; any part may be unknown. */
    public record Battery(Double voltageVolts, Double currentAmps, Double remainingPercent) {
    }

    /** GNSS fix: type as MAVLink GPS_FIX_TYPE number (0 none .. 6 RTK fixed), satellites, HDOP. */
    public record Gnss(int fixType, Integer satellites, Double hdop) {
    }

    /** Gimbal (camera) attitude in the earth frame: pitch -90 looks straight down, yaw from north. */
    public record Gimbal(double rollDeg, double pitchDeg, double yawDeg) {
    }

    /** Camera horizontal and vertical field of view in degrees. */
    public record CameraFov(double horizontalDeg, double verticalDeg) {
    }
}
