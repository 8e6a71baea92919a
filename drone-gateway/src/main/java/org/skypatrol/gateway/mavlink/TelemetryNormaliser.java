package org.skypatrol.gateway.mavlink;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.protocols.mavlink.Attitude;
import org.skypatrol.protocols.mavlink.BatteryStatus;
import org.skypatrol.protocols.mavlink.CameraFovStatus;
import org.skypatrol.protocols.mavlink.GimbalDeviceAttitudeStatus;
import org.skypatrol.protocols.mavlink.GlobalPositionInt;
import org.skypatrol.protocols.mavlink.GpsRawInt;
import org.skypatrol.protocols.mavlink.Heartbeat;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.SysStatus;
import org.skypatrol.protocols.mavlink.VfrHud;
import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * MAVLink messages → one {@link Telemetry} per drone ({@link TelemetryAccumulator}), published as a
 * {@link TelemetryEvent}. A sample goes out with every GLOBAL_POSITION_INT (the pose cadence video
 * and MQTT follow, 10 Hz on a typical stream), and with a HEARTBEAT when no sample went out for a
 * second (a drone without a position fix still shows its mode, battery and GNSS state).
 */
public final class TelemetryNormaliser {

    /** MAV_AUTOPILOT_INVALID: the HEARTBEAT of a camera, gimbal or other non-autopilot component. */
    static final int AUTOPILOT_INVALID = 8;
    private static final Duration HEARTBEAT_SAMPLE_AFTER = Duration.ofSeconds(1);

    private static final class DroneTelemetry {
        final TelemetryAccumulator acc = new TelemetryAccumulator();
        Instant lastPublished = Instant.MIN;
    }

    private final EventBus events;
    private final Map<String, DroneTelemetry> drones = new ConcurrentHashMap<>();

    public TelemetryNormaliser(EventBus events) {
        this.events = events;
    }

    /** Folds one message of {@code droneId} in; publishes a sample when the rule above says so. */
    public void onMessage(String droneId, MavlinkMessage message, Instant now) {
        DroneTelemetry d = drones.computeIfAbsent(droneId, k -> new DroneTelemetry());
        Telemetry sample = null;
        synchronized (d) {
            boolean publish = apply(d.acc, message, now);
            if (!publish && message instanceof Heartbeat
                    && Duration.between(d.lastPublished, now).compareTo(HEARTBEAT_SAMPLE_AFTER) >= 0) {
                publish = true;
            }
            if (publish) {
                d.lastPublished = now;
                sample = d.acc.snapshot(droneId, Telemetry.Source.MAVLINK);
            }
        }
        if (sample != null) {
            events.publish(new TelemetryEvent(sample));
        }
    }

    /** The newest sample of a drone, if it reported anything. */
    public Optional<Telemetry> latest(String droneId) {
        DroneTelemetry d = drones.get(droneId);
        if (d == null) {
            return Optional.empty();
        }
        synchronized (d) {
            return Optional.of(d.acc.snapshot(droneId, Telemetry.Source.MAVLINK));
        }
    }

    /** Applies a message; true when it is the one that triggers a sample (GLOBAL_POSITION_INT). */
    private static boolean apply(TelemetryAccumulator acc, MavlinkMessage message, Instant now) {
        if (message instanceof GlobalPositionInt p) {
            acc.onGlobalPositionInt(p.lat(), p.lon(), p.alt(), p.relativeAlt(), p.vx(), p.vy(), p.vz(), p.hdg(), now);
            return true;
        } else if (message instanceof Attitude a) {
            acc.onAttitude(a.roll(), a.pitch(), a.yaw(), now);
        } else if (message instanceof VfrHud v) {
            acc.onVfrHud(v.airspeed(), v.groundspeed(), v.heading(), now);
        } else if (message instanceof Heartbeat h) {
            if (h.autopilot() != AUTOPILOT_INVALID) {
                acc.onHeartbeat(h.type(), h.autopilot(), h.baseMode(), h.customMode(), now);
            }
        } else if (message instanceof SysStatus s) {
            acc.onSysStatus(s.voltageBattery(), s.currentBattery(), s.batteryRemaining(), now);
        } else if (message instanceof GpsRawInt g) {
            acc.onGpsRawInt(g.fixType(), g.eph(), g.satellitesVisible(), now);
        } else if (message instanceof BatteryStatus b) {
            acc.onBatteryStatus(b.id(), b.voltages(), b.currentBattery(), b.batteryRemaining(), now);
        } else if (message instanceof GimbalDeviceAttitudeStatus g) {
            acc.onGimbalDeviceAttitudeStatus(g.q(), g.flags(), now);
        } else if (message instanceof CameraFovStatus c) {
            acc.onCameraFovStatus(c.hfov(), c.vfov(), now);
        }
        // other messages carry nothing the Telemetry record holds
        return false;
    }
}
