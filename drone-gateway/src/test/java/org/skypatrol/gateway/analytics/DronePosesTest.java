package org.skypatrol.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.geo.CameraPose;
import org.skypatrol.protocols.telemetry.Telemetry;

/** Poses of a drone from its telemetry: interpolated, held briefly past the last sample, none across a gap. */
class DronePosesTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    private static Telemetry at(double seconds, double lat, Double altRel, double yaw) {
        return new Telemetry("d1", Telemetry.Source.MAVLINK, T0.plusMillis((long) (seconds * 1000)),
                new Telemetry.Position(lat, 106.27, 1200.0, altRel), yaw, null, null, null, null, null, null,
                new Telemetry.Gimbal(0, -60, yaw), new Telemetry.CameraFov(70, 43));
    }

    @Test
    void interpolatesBetweenSamples_holdsTheLastOneForASecond_andRefusesGaps() {
        DronePoses poses = new DronePoses();
        assertThat(poses.at(T0)).isEmpty();
        poses.add(at(0, 38.0, 40.0, 0));
        poses.add(at(1, 38.001, 50.0, 10));
        poses.add(at(1, 38.5, 99.0, 99));             // not newer: ignored
        poses.add(at(1.5, 38.0, null, 0));           // no height above home: counted, not used
        poses.add(at(5, 38.002, 60.0, 20));           // 4 s after the previous sample: a gap

        CameraPose mid = poses.at(T0.plusMillis(500)).orElseThrow();
        assertThat(mid.heightAboveGroundMetres()).isEqualTo(45.0);
        assertThat(mid.position().latDeg()).isCloseTo(38.0005, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(poses.at(T0.plusMillis(3000))).as("inside the 4 s gap").isEmpty();
        assertThat(poses.at(T0.minusMillis(100))).as("before the first sample").isEmpty();
        assertThat(poses.at(T0.plusMillis(5800)).orElseThrow().heightAboveGroundMetres()).as("held").isEqualTo(60.0);
        assertThat(poses.at(T0.plusMillis(6100))).as("more than 1 s after the last sample").isEmpty();
        assertThat(poses.unusable()).isEqualTo(1);
    }
}
