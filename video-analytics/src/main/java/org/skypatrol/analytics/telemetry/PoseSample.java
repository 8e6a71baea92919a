package org.skypatrol.analytics.telemetry;

import java.time.Instant;

import org.skypatrol.analytics.geo.CameraPose;

/** A camera pose at an absolute time (from telemetry). */
public record PoseSample(Instant time, CameraPose pose) {
}
