package org.skypatrol.gateway.mavlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.skypatrol.protocols.telemetry.Telemetry;

class TelemetryAccumulatorTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private final TelemetryAccumulator acc = new TelemetryAccumulator();

    @Test
    void snapshot_nothingReported_allComponentsNull() {
        Telemetry t = acc.snapshot("d1", Telemetry.Source.MAVLINK);
        assertThat(t.position()).isNull();
        assertThat(t.attitude()).isNull();
        assertThat(t.battery()).isNull();
        assertThat(t.velocity()).isNull();
        assertThat(t.armed()).isNull();
    }

    @Test
    void globalPositionInt_wireUnits_becomeDegreesMetresAndMps() {
        // Yinchuan: 38.4872 N 106.2309 E, 1112.5 m MSL, 120.25 m above home, 12 m/s north, 5 m/s east, 0.5 m/s up
        acc.onGlobalPositionInt(384_872_000, 1_062_309_000, 1_112_500, 120_250, 1200, 500, -50, 2250, T0);
        Telemetry t = acc.snapshot("d1", Telemetry.Source.MAVLINK);
        assertThat(t.position().latitudeDeg()).isCloseTo(38.4872, within(1e-9));
        assertThat(t.position().longitudeDeg()).isCloseTo(106.2309, within(1e-9));
        assertThat(t.position().altitudeMslMetres()).isEqualTo(1112.5);
        assertThat(t.position().altitudeRelativeMetres()).isEqualTo(120.25);
        assertThat(t.velocity().northMps()).isEqualTo(12.0);
        assertThat(t.velocity().downMps()).isEqualTo(-0.5);
        assertThat(t.velocity().groundSpeedMps()).isEqualTo(13.0); // hypot(12, 5) without VFR_HUD
        assertThat(t.headingDeg()).isEqualTo(22.5);
        assertThat(t.time()).isEqualTo(T0);
    }

    @Test
    void globalPositionInt_unknownHeading_fallsBackToVfrHud() {
        acc.onVfrHud(14.5f, 13.25f, 271, T0);
        acc.onGlobalPositionInt(0, 0, 0, 0, 0, 0, 0, 0xFFFF, T0);
        Telemetry t = acc.snapshot("d1", Telemetry.Source.MAVLINK);
        assertThat(t.headingDeg()).isEqualTo(271.0);
        assertThat(t.velocity().groundSpeedMps()).isEqualTo(13.25);
        assertThat(t.velocity().airSpeedMps()).isEqualTo(14.5);
    }

    @Test
    void attitude_radians_becomeDegreesWithYawFrom0To360() {
        acc.onAttitude((float) Math.toRadians(10), (float) Math.toRadians(-5), (float) Math.toRadians(-90), T0);
        Telemetry.Attitude a = acc.snapshot("d1", Telemetry.Source.MAVLINK).attitude();
        assertThat(a.rollDeg()).isCloseTo(10, within(1e-4));
        assertThat(a.pitchDeg()).isCloseTo(-5, within(1e-4));
        assertThat(a.yawDeg()).isCloseTo(270, within(1e-4));
    }

    @Test
    void battery_sentinels_areNull_andBatteryStatusWinsOverSysStatus() {
        acc.onSysStatus(0xFFFF, -1, -1, T0);
        Telemetry.Battery b = acc.snapshot("d1", Telemetry.Source.MAVLINK).battery();
        assertThat(b.voltageVolts()).isNull();
        assertThat(b.currentAmps()).isNull();
        assertThat(b.remainingPercent()).isNull();
        int[] cells = {4100, 4100, 4050, 4000, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF};
        acc.onBatteryStatus(0, cells, 1234, 76, T0);
        acc.onBatteryStatus(1, new int[] {9000}, 1, 1, T0); // a second pack is not battery 0
        b = acc.snapshot("d1", Telemetry.Source.MAVLINK).battery();
        assertThat(b.voltageVolts()).isCloseTo(16.25, within(1e-9));
        assertThat(b.currentAmps()).isCloseTo(12.34, within(1e-9));
        assertThat(b.remainingPercent()).isEqualTo(76.0);
    }

    @Test
    void gpsRawInt_hdopAndSatellites() {
        acc.onGpsRawInt(3, 121, 14, T0);
        assertThat(acc.snapshot("d1", Telemetry.Source.MAVLINK).gnss()).isEqualTo(new Telemetry.Gnss(3, 14, 1.21));
        acc.onGpsRawInt(0, 0xFFFF, 255, T0);
        assertThat(acc.snapshot("d1", Telemetry.Source.MAVLINK).gnss()).isEqualTo(new Telemetry.Gnss(0, null, null));
    }

    @Test
    void heartbeat_arduCopterAutoArmed() {
        acc.onHeartbeat(2, FlightModes.AUTOPILOT_ARDUPILOT, 128 | 1, 3, T0);
        Telemetry t = acc.snapshot("d1", Telemetry.Source.MAVLINK);
        assertThat(t.flightMode()).isEqualTo("AUTO");
        assertThat(t.armed()).isTrue();
    }

    @Test
    void gimbal_yawInVehicleFrame_addsVehicleYaw_pitchStaysEarth() {
        acc.onAttitude(0, 0, (float) Math.toRadians(100), T0);
        // pitch -45 deg (nose down) then yaw +30 deg relative to the vehicle: q = qz(30) * qy(-45)
        float[] q = multiply(axis(0, 0, 1, 30), axis(0, 1, 0, -45));
        acc.onGimbalDeviceAttitudeStatus(q, TelemetryAccumulator.GIMBAL_YAW_IN_VEHICLE_FRAME, T0);
        Telemetry.Gimbal g = acc.snapshot("d1", Telemetry.Source.MAVLINK).gimbal();
        assertThat(g.pitchDeg()).isCloseTo(-45, within(1e-3));
        assertThat(g.rollDeg()).isCloseTo(0, within(1e-3));
        assertThat(g.yawDeg()).isCloseTo(130, within(1e-3));
        acc.onGimbalDeviceAttitudeStatus(q, TelemetryAccumulator.GIMBAL_YAW_LOCK, T0);
        assertThat(acc.snapshot("d1", Telemetry.Source.MAVLINK).gimbal().yawDeg()).isCloseTo(30, within(1e-3));
    }

    @Test
    void cameraFov_nanIsIgnored() {
        acc.onCameraFovStatus(Float.NaN, 40, T0);
        assertThat(acc.snapshot("d1", Telemetry.Source.MAVLINK).camera()).isNull();
        acc.onCameraFovStatus(84, 53, T0);
        assertThat(acc.snapshot("d1", Telemetry.Source.MAVLINK).camera()).isEqualTo(new Telemetry.CameraFov(84, 53));
    }

    private static float[] axis(double x, double y, double z, double deg) {
        double h = Math.toRadians(deg) / 2;
        return new float[] {(float) Math.cos(h), (float) (x * Math.sin(h)), (float) (y * Math.sin(h)), (float) (z * Math.sin(h))};
    }

    private static float[] multiply(float[] a, float[] b) {
        return new float[] {
            a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
            a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
            a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1],
            a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0]};
    }
}
