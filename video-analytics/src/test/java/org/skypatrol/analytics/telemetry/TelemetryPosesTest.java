package org.skypatrol.analytics.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.SceneGeometry;
import org.skypatrol.analytics.scene.SceneParser;

class TelemetryPosesTest {

    private static String line(String time, double lat, double relAlt, double gimbalYaw) {
        return "{\"droneId\":\"d1\",\"source\":\"MAVLINK\",\"time\":\"" + time + "\",\"position\":{\"latitudeDeg\":" + lat
                + ",\"longitudeDeg\":106.0,\"altitudeMslMetres\":1200.0,\"altitudeRelativeMetres\":" + relAlt + "},"
                + "\"gimbal\":{\"rollDeg\":0,\"pitchDeg\":-90,\"yawDeg\":" + gimbalYaw + "},"
                + "\"camera\":{\"horizontalDeg\":90,\"verticalDeg\":60}}";
    }

    @Test
    void jsonLines_interpolatedToFrameTime_gapMeansNoPose(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.jsonl");
        Files.write(f, List.of(
                line("2026-05-01T08:00:00Z", 38.0, 100, 350),
                line("2026-05-01T08:00:01Z", 38.0001, 110, 10),
                "not json",
                line("2026-05-01T08:00:10Z", 38.0002, 110, 10)));      // 9 s gap before this one
        TelemetryPoses poses = TelemetryPoses.fromJsonLines(f).requireUsable(f);
        assertThat(poses.summary()).contains("3 pose samples").contains("1 records without a usable pose");
        var source = poses.relativeTo(Instant.parse("2026-05-01T07:59:59.5Z"));   // video starts 0.5 s earlier
        assertThat(source.poseAt(0.2)).isEmpty();                                  // before the first sample
        var mid = source.poseAt(1.0).orElseThrow();                                // 08:00:00.5
        assertThat(mid.heightAboveGroundMetres()).isCloseTo(105, within(1e-9));
        assertThat(mid.yawDeg() % 360).isCloseTo(0, within(1e-9));                 // 350° → 10° the short way
        assertThat(mid.position().latDeg()).isCloseTo(38.00005, within(1e-9));
        assertThat(source.poseAt(5.0)).isEmpty();                                  // inside the 9 s gap
    }

    @Test
    void droneScene_geoZoneStaysOnTheGround_whileTheDroneMoves() throws Exception {
        var scene = SceneParser.parse("d", """
                id: d
                camera: {type: drone, width: 1000, height: 1000, horizontalFovDeg: 90, verticalFovDeg: 90,
                         origin: {lat: 38.0, lon: 106.0}}
                zones:
                  - {id: np, kind: no_parking, metres: [[-5, -5], [5, -5], [5, 5], [-5, 5]]}
                """);
        SceneGeometry g = new SceneGeometry(scene);
        var a = new org.skypatrol.analytics.geo.CameraPose(new org.skypatrol.analytics.geo.LatLon(38.0, 106.0), 100, 0, -90, 0, 90, 90);
        var b = new org.skypatrol.analytics.geo.CameraPose(new org.skypatrol.analytics.geo.LatLon(38.0002, 106.0), 100, 0, -90, 0, 90, 90);
        var va = g.view(a);
        var vb = g.view(b);
        assertThat(va.zones().get(0).ground().points()).isEqualTo(vb.zones().get(0).ground().points());
        Vec2 ca = va.zones().get(0).pixels().centroid();
        Vec2 cb = vb.zones().get(0).pixels().centroid();
        assertThat(ca.distance(new Vec2(500, 500))).isLessThan(1e-6);
        assertThat(cb.y() - ca.y()).isCloseTo(22.2 * 5, within(1.0));  // drone 22.2 m north: the zone slides down the image
    }
}
