package org.skypatrol.gateway.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.skypatrol.protocols.telemetry.Telemetry;

class CameraViewTest {

    /** 100 m up, gimbal pitch and yaw as given, 60 x 40 degree field of view. */
    private static Telemetry at(double pitch, double yaw) {
        return new Telemetry("d", Telemetry.Source.SIMULATED, Instant.EPOCH, new Telemetry.Position(30.0, 120.0, null, 100.0),
                null, null, null, null, null, null, null, new Telemetry.Gimbal(0, pitch, yaw), new Telemetry.CameraFov(60, 40));
    }

    private static double north(double metres) {
        return 30.0 + metres / 111_195.0;
    }

    private static double east(double metres) {
        return 120.0 + metres / (111_195.0 * Math.cos(Math.toRadians(30)));
    }

    @Test
    void nadir_footprintEdgesFollowTheFieldOfView() {
        // straight down, image top to the north: half-height = 100 * tan(20°) = 36.4 m, half-width = tan(30°) = 57.7 m
        assertThat(CameraView.sees(at(-90, 0), north(35), 120.0)).contains(true);
        assertThat(CameraView.sees(at(-90, 0), north(38), 120.0)).contains(false);
        assertThat(CameraView.sees(at(-90, 0), 30.0, east(56))).contains(true);
        assertThat(CameraView.sees(at(-90, 0), 30.0, east(60))).contains(false);
    }

    @Test
    void obliqueLookingEast_seesAheadNotBehind() {
        // pitch -45 looking east: the centre ray meets the ground 100 m east
        assertThat(CameraView.sees(at(-45, 90), 30.0, east(100))).contains(true);
        assertThat(CameraView.sees(at(-45, 90), 30.0, east(-100))).contains(false);
        assertThat(CameraView.sees(at(-45, 90), north(100), 120.0)).contains(false);
    }

    @Test
    void unknownPose_isEmpty() {
        Telemetry noGimbal = new Telemetry("d", Telemetry.Source.SIMULATED, Instant.EPOCH,
                new Telemetry.Position(30.0, 120.0, null, 100.0), null, null, null, null, null, null, null, null, null);
        assertThat(CameraView.sees(noGimbal, 30.0, 120.0)).isEmpty();
        assertThat(CameraView.sees(null, 30.0, 120.0)).isEmpty();
    }
}
