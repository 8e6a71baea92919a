package org.skypatrol.samples.scenegen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.skypatrol.protocols.mavlink.Attitude;
import org.skypatrol.protocols.mavlink.CameraFovStatus;
import org.skypatrol.protocols.mavlink.GimbalDeviceAttitudeStatus;
import org.skypatrol.protocols.mavlink.GlobalPositionInt;
import org.skypatrol.protocols.mavlink.Heartbeat;
import org.skypatrol.protocols.mavlink.MavlinkFrameWriter;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkVersion;
import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * The pose track of a drone clip as a MAVLink v2 {@code .tlog}, as ground stations record it: each
 * record is an 8-byte big-endian timestamp (µs since the Unix epoch) and one frame. Per sample:
 * ATTITUDE, GIMBAL_DEVICE_ATTITUDE_STATUS (earth-frame quaternion, yaw-in-earth-frame flag),
 * CAMERA_FOV_STATUS, then GLOBAL_POSITION_INT (what DESIGN.md names for {@code analyze --telemetry});
 * a HEARTBEAT once a second.
 */
public final class TelemetryTlog {

    static final int SYSTEM_ID = 1;
    static final int AUTOPILOT_COMPONENT = 1;
    static final int GIMBAL_COMPONENT = 154;        // MAV_COMP_ID_GIMBAL
    static final int CAMERA_COMPONENT = 100;        // MAV_COMP_ID_CAMERA
    /** GIMBAL_DEVICE_FLAGS_YAW_IN_EARTH_FRAME. */
    static final int FLAG_YAW_IN_EARTH_FRAME = 2048;

    private TelemetryTlog() {
    }

    public static void write(Path file, List<Telemetry> track) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            int seq = 0;
            long lastHeartbeatMicros = Long.MIN_VALUE;
            long bootMicros = track.isEmpty() ? 0 : micros(track.get(0)) - 60_000_000L;
            for (Telemetry t : track) {
                long us = micros(t);
                long bootMs = (us - bootMicros) / 1000;
                if (us - lastHeartbeatMicros >= 1_000_000) {
                    record(out, us, seq++, AUTOPILOT_COMPONENT, new Heartbeat(2, 3, 0x81 | 0x10, 16, 4, 3));
                    lastHeartbeatMicros = us;
                }
                Telemetry.Attitude a = t.attitude();
                record(out, us, seq++, AUTOPILOT_COMPONENT, new Attitude(bootMs, (float) Math.toRadians(a.rollDeg()),
                        (float) Math.toRadians(a.pitchDeg()), (float) Math.toRadians(wrap180(a.yawDeg())), 0f, 0f, 0f));
                Telemetry.Gimbal g = t.gimbal();
                float[] q = quaternion(g.yawDeg(), g.pitchDeg(), g.rollDeg());
                record(out, us, seq++, GIMBAL_COMPONENT, new GimbalDeviceAttitudeStatus(0, 0, bootMs,
                        FLAG_YAW_IN_EARTH_FRAME, q, Float.NaN, Float.NaN, Float.NaN, 0, Float.NaN, Float.NaN, 0));
                Telemetry.Position p = t.position();
                int lat = (int) Math.round(p.latitudeDeg() * 1e7);
                int lon = (int) Math.round(p.longitudeDeg() * 1e7);
                int altMm = (int) Math.round(p.altitudeMslMetres() * 1000);
                record(out, us, seq++, CAMERA_COMPONENT, new CameraFovStatus(bootMs, lat, lon, altMm, Integer.MAX_VALUE,
                        Integer.MAX_VALUE, Integer.MAX_VALUE, q, (float) t.camera().horizontalDeg(),
                        (float) t.camera().verticalDeg(), 0));
                Telemetry.Velocity v = t.velocity();
                record(out, us, seq++, AUTOPILOT_COMPONENT, new GlobalPositionInt(bootMs, lat, lon, altMm,
                        (int) Math.round(p.altitudeRelativeMetres() * 1000), (int) Math.round(v.northMps() * 100),
                        (int) Math.round(v.eastMps() * 100), (int) Math.round(v.downMps() * 100),
                        (int) Math.round(((t.headingDeg() % 360) + 360) % 360 * 100) % 36000));
            }
        }
    }

    private static void record(OutputStream out, long micros, int seq, int component, MavlinkMessage m)
            throws IOException {
        byte[] frame = MavlinkFrameWriter.toBytes(MavlinkMessages.toFrame(MavlinkVersion.V2, seq & 0xff, SYSTEM_ID,
                component, m));
        out.write(ByteBuffer.allocate(8).putLong(micros).array());
        out.write(frame);
    }

    private static long micros(Telemetry t) {
        return t.time().getEpochSecond() * 1_000_000L + t.time().getNano() / 1000;
    }

    private static double wrap180(double deg) {
        double d = ((deg % 360) + 540) % 360 - 180;
        return d;
    }

    /** Quaternion (w, x, y, z) of aeronautical ZYX Euler angles in degrees: yaw, then pitch, then roll. */
    static float[] quaternion(double yawDeg, double pitchDeg, double rollDeg) {
        double cy = Math.cos(Math.toRadians(yawDeg) / 2);
        double sy = Math.sin(Math.toRadians(yawDeg) / 2);
        double cp = Math.cos(Math.toRadians(pitchDeg) / 2);
        double sp = Math.sin(Math.toRadians(pitchDeg) / 2);
        double cr = Math.cos(Math.toRadians(rollDeg) / 2);
        double sr = Math.sin(Math.toRadians(rollDeg) / 2);
        return new float[] {(float) (cr * cp * cy + sr * sp * sy), (float) (sr * cp * cy - cr * sp * sy),
            (float) (cr * sp * cy + sr * cp * sy), (float) (cr * cp * sy - sr * sp * cy)};
    }
}
