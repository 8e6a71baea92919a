package org.skypatrol.protocols.mqtt;

import java.time.Instant;

import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * {@code {p}/drones/{droneId}/telemetry} (QoS 0): the normalised {@link Telemetry} of one drone, flat,
 * with the schema name. Components a drone has not reported are absent, never zero.
 */
public record TelemetryPayload(
        String schema,
        Instant time,
        String droneId,
        String source,
        Telemetry.Position position,
        Double headingDeg,
        Telemetry.Velocity velocity,
        Telemetry.Attitude attitude,
        Telemetry.Battery battery,
        Telemetry.Gnss gnss,
        String flightMode,
        Boolean armed,
        Telemetry.Gimbal gimbal,
        Telemetry.CameraFov camera) {

    public static final String SCHEMA = "skypatrol.telemetry/1";

    public static TelemetryPayload of(Telemetry t) {
        return new TelemetryPayload(SCHEMA, t.time(), t.droneId(), t.source().name().toLowerCase(java.util.Locale.ROOT),
                t.position(), t.headingDeg(), t.velocity(), t.attitude(), t.battery(), t.gnss(),
                t.flightMode(), t.armed(), t.gimbal(), t.camera());
    }

    /** Back to the shared record (for consumers such as the tail command and tests). */
    public Telemetry toTelemetry() {
        return new Telemetry(droneId, Telemetry.Source.valueOf(source.toUpperCase(java.util.Locale.ROOT)), time,
                position, headingDeg, velocity, attitude, battery, gnss, flightMode, armed, gimbal, camera);
    }
}
