package org.skypatrol.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.skypatrol.analytics.geo.CameraPose;
import org.skypatrol.analytics.geo.LatLon;
import org.skypatrol.analytics.telemetry.PoseSample;
import org.skypatrol.analytics.telemetry.TelemetryPoses;
import org.skypatrol.protocols.mavlink.Attitude;
import org.skypatrol.protocols.mavlink.CameraFovStatus;
import org.skypatrol.protocols.mavlink.GimbalDeviceAttitudeStatus;
import org.skypatrol.protocols.mavlink.GlobalPositionInt;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkParser;
import org.skypatrol.protocols.mavlink.MavlinkTlog;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Camera poses from a ground-station {@code .tlog} (8-byte big-endian µs UTC timestamp + one MAVLink
 * frame per record): a pose per GLOBAL_POSITION_INT (lat, lon, altitude above home), with the latest
 * ATTITUDE yaw as heading, GIMBAL_DEVICE_ATTITUDE_STATUS for the camera's orientation (earth-frame
 * quaternion when its yaw-in-earth-frame/lock flag is set, else yaw relative to the vehicle) and
 * CAMERA_FOV_STATUS for the field of view. Without a gimbal report the camera is taken as nadir.
 * Lives in the gateway because the MAVLink reader works on Netty buffers (the analytics library
 * imports no Netty).
 */
final class TlogPoses {

    private static final int FLAG_YAW_LOCK = 16;
    private static final int FLAG_YAW_IN_EARTH_FRAME = 2048;

    private TlogPoses() {
    }

    static TelemetryPoses read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuf data = Unpooled.wrappedBuffer(bytes);
        List<PoseSample> out = new ArrayList<>();
        int[] skipped = {0};
        double[] state = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0};
        // state: vehicle yaw, gimbal yaw, gimbal pitch, gimbal roll, hfov, vfov, gimbal yaw is earth-frame (1/0)
        try {
            MavlinkTlog.read(new MavlinkParser(), data, e -> {
                MavlinkMessage m;
                try {
                    m = MavlinkMessages.decode(e.frame());
                } catch (RuntimeException ex) {
                    skipped[0]++;
                    return;
                }
                Instant t = Instant.ofEpochSecond(0, e.timestampMicros() * 1000);
                if (m instanceof Attitude a) {
                    state[0] = Math.toDegrees(a.yaw());
                } else if (m instanceof GimbalDeviceAttitudeStatus g) {
                    double[] ypr = euler(g.q());
                    state[1] = ypr[0];
                    state[2] = ypr[1];
                    state[3] = ypr[2];
                    state[6] = (g.flags() & (FLAG_YAW_LOCK | FLAG_YAW_IN_EARTH_FRAME)) != 0 ? 1 : 0;
                } else if (m instanceof CameraFovStatus c) {
                    state[4] = c.hfov();
                    state[5] = c.vfov();
                } else if (m instanceof GlobalPositionInt p) {
                    double heading = p.hdg() != 65535 ? p.hdg() / 100.0 : state[0];
                    double yaw = Double.isNaN(state[1]) ? (Double.isNaN(heading) ? 0 : heading)
                            : state[6] == 1 ? state[1] : (Double.isNaN(heading) ? 0 : heading) + state[1];
                    double pitch = Double.isNaN(state[2]) ? -90.0 : state[2];
                    double roll = Double.isNaN(state[3]) ? 0 : state[3];
                    out.add(new PoseSample(t, new CameraPose(new LatLon(p.lat() / 1e7, p.lon() / 1e7),
                            p.relativeAlt() / 1000.0, ((yaw % 360) + 360) % 360, pitch, roll, state[4], state[5])));
                }
            }, s -> skipped[0]++);
        } finally {
            data.release();
        }
        return TelemetryPoses.of(out, "tlog", skipped[0]);
    }

    /** Quaternion (w, x, y, z) → yaw, pitch, roll in degrees (ZYX, aeronautical). */
    static double[] euler(float[] q) {
        double w = q[0];
        double x = q[1];
        double y = q[2];
        double z = q[3];
        double roll = Math.atan2(2 * (w * x + y * z), 1 - 2 * (x * x + y * y));
        double pitch = Math.asin(Math.max(-1, Math.min(1, 2 * (w * y - z * x))));
        double yaw = Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
        return new double[] {Math.toDegrees(yaw), Math.toDegrees(pitch), Math.toDegrees(roll)};
    }
}
