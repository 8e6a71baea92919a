package org.skypatrol.gateway.events;

import org.skypatrol.protocols.telemetry.Telemetry;

/** A drone's normalised telemetry changed (MAVLink or DJI). */
public record TelemetryEvent(Telemetry telemetry) implements GatewayEvent {
}
