package org.skypatrol.gateway.mavlink;

import java.time.Instant;

import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * One drone's newest MAVLink telemetry, kept component by component and turned into one
 * {@link Telemetry} record in SI units. Each {@code on...} method takes a message's fields exactly as
 * they are on the wire (common.xml units: degE7, mm, cm/s, cdeg, mV, cA, rad) and applies the
 * spec's "unknown" sentinels (UINT16_MAX, -1, NaN), so a consumer sees null, never a made-up zero.
 *
 * <p>Not thread-safe: a drone's frames arrive on one event loop; the normaliser locks around it.
 */
public final class TelemetryAccumulator {

    static final int UINT16_MAX = 0xFFFF;
    /** GIMBAL_DEVICE_FLAGS (common.xml). */
    static final int GIMBAL_YAW_LOCK = 16;
    static final int GIMBAL_YAW_IN_VEHICLE_FRAME = 32;
    static final int GIMBAL_YAW_IN_EARTH_FRAME = 64;

    private Instant time;
    private Integer vehicleType;
    private Integer autopilot;
    private String flightMode;
    private Boolean armed;
    private Telemetry.Position position;
    private Double headingDeg;
    private Double hudHeadingDeg;
    private Double northMps;
    private Double eastMps;
    private Double downMps;
    private Double groundSpeedMps;
    private Double airSpeedMps;
    private Telemetry.Attitude attitude;
    private Telemetry.Battery sysStatusBattery;
    private Telemetry.Battery batteryStatus;
    private Telemetry.Gnss gnss;
    private double[] gimbalEuler;
    private boolean gimbalYawInEarthFrame;
    private Telemetry.CameraFov camera;

    /** HEARTBEAT (#0): vehicle type and autopilot, flight mode, armed. */
    public void onHeartbeat(int type, int autopilotType, int baseMode, long customMode, Instant at) {
        time = at;
        vehicleType = type;
        autopilot = autopilotType;
        flightMode = FlightModes.name(autopilotType, type, baseMode, customMode);
        armed = FlightModes.armed(baseMode);
    }

    /** SYS_STATUS (#1): battery voltage mV, current cA, remaining % (UINT16_MAX / -1 / -1 unknown). */
    public void onSysStatus(int voltageMv, int currentCa, int remainingPercent, Instant at) {
        time = at;
        sysStatusBattery = new Telemetry.Battery(
                voltageMv == UINT16_MAX ? null : voltageMv / 1000.0,
                currentCa == -1 ? null : currentCa / 100.0,
                remainingPercent < 0 ? null : (double) remainingPercent);
    }

    /** GPS_RAW_INT (#24): fix type, eph (HDOP x100, UINT16_MAX unknown), satellites (255 unknown). */
    public void onGpsRawInt(int fixType, int eph, int satellitesVisible, Instant at) {
        time = at;
        gnss = new Telemetry.Gnss(fixType, satellitesVisible == 255 ? null : satellitesVisible,
                eph == UINT16_MAX ? null : eph / 100.0);
    }

    /** ATTITUDE (#30): roll, pitch, yaw in radians; yaw reported 0..360 degrees from north. */
    public void onAttitude(float rollRad, float pitchRad, float yawRad, Instant at) {
        time = at;
        attitude = new Telemetry.Attitude(Math.toDegrees(rollRad), Math.toDegrees(pitchRad),
                wrap360(Math.toDegrees(yawRad)));
    }

    /**
     * GLOBAL_POSITION_INT (#33): lat/lon degE7, alt and relative_alt mm, vx/vy/vz cm/s NED, hdg cdeg
     * (UINT16_MAX unknown).
     */
    public void onGlobalPositionInt(int latE7, int lonE7, int altMm, int relativeAltMm,
                                    int vxCms, int vyCms, int vzCms, int hdgCdeg, Instant at) {
        time = at;
        position = new Telemetry.Position(latE7 / 1e7, lonE7 / 1e7, altMm / 1000.0, relativeAltMm / 1000.0);
        northMps = vxCms / 100.0;
        eastMps = vyCms / 100.0;
        downMps = vzCms / 100.0;
        headingDeg = hdgCdeg == UINT16_MAX ? null : hdgCdeg / 100.0;
    }

    /** VFR_HUD (#74): airspeed and groundspeed m/s, heading degrees. */
    public void onVfrHud(float airspeed, float groundspeed, int heading, Instant at) {
        time = at;
        airSpeedMps = Float.isNaN(airspeed) ? null : (double) airspeed;
        groundSpeedMps = Float.isNaN(groundspeed) ? null : (double) groundspeed;
        hudHeadingDeg = wrap360(heading);
    }

    /**
     * BATTERY_STATUS (#147) of battery 0 (others are ignored): cell voltages mV (UINT16_MAX unused;
     * their sum is the pack voltage, cell 0 holding the total when cells are not measured), current
     * cA (-1 unknown), remaining % (-1 unknown). It takes precedence over SYS_STATUS.
     */
    public void onBatteryStatus(int id, int[] voltagesMv, int currentCa, int remainingPercent, Instant at) {
        if (id != 0) {
            return;
        }
        time = at;
        long sumMv = 0;
        boolean any = false;
        for (int v : voltagesMv) {
            if (v != UINT16_MAX) {
                sumMv += v;
                any = true;
            }
        }
        batteryStatus = new Telemetry.Battery(any ? sumMv / 1000.0 : null,
                currentCa == -1 ? null : currentCa / 100.0,
                remainingPercent < 0 ? null : (double) remainingPercent);
    }

    /**
     * GIMBAL_DEVICE_ATTITUDE_STATUS (#285): quaternion w,x,y,z. Roll and pitch are always relative to
     * the horizon; yaw is in the earth frame with YAW_IN_EARTH_FRAME (or, when neither frame flag is
     * set, with YAW_LOCK), otherwise relative to the vehicle's heading and made absolute here.
     */
    public void onGimbalDeviceAttitudeStatus(float[] q, int flags, Instant at) {
        if (q.length < 4 || Float.isNaN(q[0])) {
            return;
        }
        time = at;
        gimbalEuler = quaternionToEulerDeg(q[0], q[1], q[2], q[3]);
        boolean frameFlag = (flags & (GIMBAL_YAW_IN_EARTH_FRAME | GIMBAL_YAW_IN_VEHICLE_FRAME)) != 0;
        gimbalYawInEarthFrame = frameFlag ? (flags & GIMBAL_YAW_IN_EARTH_FRAME) != 0 : (flags & GIMBAL_YAW_LOCK) != 0;
    }

    /** CAMERA_FOV_STATUS (#271): horizontal and vertical field of view in degrees (NaN unknown). */
    public void onCameraFovStatus(float hfovDeg, float vfovDeg, Instant at) {
        if (Float.isNaN(hfovDeg) || Float.isNaN(vfovDeg)) {
            return;
        }
        time = at;
        camera = new Telemetry.CameraFov(hfovDeg, vfovDeg);
    }

    /** True once GLOBAL_POSITION_INT has been seen. */
    public boolean hasPosition() {
        return position != null;
    }

    public Integer vehicleType() {
        return vehicleType;
    }

    public Integer autopilot() {
        return autopilot;
    }

    /** The record of everything known now; components never reported are null. */
    public Telemetry snapshot(String droneId, Telemetry.Source source) {
        Double heading = headingDeg != null ? headingDeg : hudHeadingDeg;
        Double ground = groundSpeedMps;
        if (ground == null && northMps != null) {
            ground = Math.hypot(northMps, eastMps);
        }
        Telemetry.Velocity velocity = northMps == null && ground == null && airSpeedMps == null ? null
                : new Telemetry.Velocity(northMps, eastMps, downMps, ground, airSpeedMps);
        Telemetry.Gimbal gimbal = null;
        if (gimbalEuler != null) {
            double yaw = gimbalEuler[2];
            if (!gimbalYawInEarthFrame && attitude != null) {
                yaw += attitude.yawDeg();
            }
            gimbal = new Telemetry.Gimbal(gimbalEuler[0], gimbalEuler[1], wrap360(yaw));
        }
        return new Telemetry(droneId, source, time, position, heading, velocity, attitude,
                batteryStatus != null ? batteryStatus : sysStatusBattery, gnss, flightMode, armed, gimbal, camera);
    }

    /** Aerospace (Z-Y-X) Euler angles in degrees of a unit quaternion. */
    static double[] quaternionToEulerDeg(double w, double x, double y, double z) {
        double roll = Math.atan2(2 * (w * x + y * z), 1 - 2 * (x * x + y * y));
        double sinPitch = Math.max(-1, Math.min(1, 2 * (w * y - z * x)));
        double pitch = Math.asin(sinPitch);
        double yaw = Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
        return new double[] {Math.toDegrees(roll), Math.toDegrees(pitch), Math.toDegrees(yaw)};
    }

    static double wrap360(double deg) {
        double d = deg % 360.0;
        return d < 0 ? d + 360.0 : d;
    }
}
