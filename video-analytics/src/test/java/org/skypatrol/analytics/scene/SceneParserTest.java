package org.skypatrol.analytics.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.geo.Vec2;

class SceneParserTest {

    static final String DOC_EXAMPLE = """
            id: g110-km12-cam3
            camera:
              type: fixed
              width: 768
              height: 576
              calibration:
                - {pixel: [100, 560], ground: [0, 0]}
                - {pixel: [700, 560], ground: [14, 0]}
                - {pixel: [520, 200], ground: [14, 60]}
                - {pixel: [250, 200], ground: [0, 60]}
              origin: {lat: 38.4681, lon: 106.2731}
            zones:
              - id: shoulder-north
                kind: emergency_lane
                pixels: [[100, 560], [180, 560], [300, 200], [260, 200]]
                directionDeg: 0
                speedLimitKph: 100
                hours: "07:00-09:00"
            lines:
              - id: centre-solid
                kind: solid_line
                pixels: [[400, 560], [390, 200]]
            rules:
              illegal_parking: {dwellSeconds: 60}
              crowd_gathering: {minPeople: 10, radiusMetres: 8, sustainSeconds: 5}
              disabled: [fighting]
            """;

    @Test
    void parse_documentedExample_allFieldsRead() throws Exception {
        Scene s = SceneParser.parse("doc", DOC_EXAMPLE);
        assertThat(s.id()).isEqualTo("g110-km12-cam3");
        CameraSpec.Fixed cam = (CameraSpec.Fixed) s.camera();
        assertThat(cam.calibration()).hasSize(4);
        assertThat(cam.origin().latDeg()).isEqualTo(38.4681);
        Zone z = s.zones().get(0);
        assertThat(z.kind()).isEqualTo(ZoneKind.EMERGENCY_LANE);
        assertThat(z.coords().points()).hasSize(4).contains(new Vec2(300, 200));
        assertThat(z.speedLimitKph()).isEqualTo(100.0);
        assertThat(z.hours().contains(java.time.LocalTime.of(8, 0))).isTrue();
        assertThat(z.hours().contains(java.time.LocalTime.of(9, 0))).isFalse();
        assertThat(s.lines().get(0).kind()).isEqualTo(LineKind.SOLID_LINE);
        assertThat(s.rules().of("crowd_gathering")).containsEntry("minPeople", 10.0);
        assertThat(s.rules().disabled()).containsExactly("fighting");
    }

    @Test
    void parse_manyErrors_everyProblemWithItsLine() {
        String bad = """
                id: x
                camera:
                  type: fixed
                  width: 640
                  height: 480
                  calibration:
                    - {pixel: [0, 0], ground: [0, 0]}
                    - {pixel: [10, 0], ground: [1, 0]}
                zones:
                  - id: a
                    kind: parking_lot
                    pixels: [[0, 0], [10, 0], [10, 10]]
                  - id: b
                    kind: lane
                    metres: [[0, 0], [1, 1]]
                    colour: red
                rules:
                  speeding: {toleranceKph: fast}
                  flying: {x: 1}
                """;
        assertThatThrownBy(() -> SceneParser.parse("bad.yaml", bad))
                .isInstanceOfSatisfying(SceneException.class, e -> {
                    List<Integer> lines = e.problems().stream().map(SceneException.Problem::line).toList();
                    assertThat(lines).contains(7, 11, 15, 16, 18, 19);
                    assertThat(e.getMessage()).contains("bad.yaml").contains("line 11: unknown zone kind 'parking_lot'")
                            .contains("at least 4 calibration pairs").contains("unknown key 'colour'")
                            .contains("unknown behaviour 'flying'");
                });
    }

    @Test
    void parse_yamlSyntaxError_reportsLine() {
        assertThatThrownBy(() -> SceneParser.parse("s", "id: x\ncamera: [\n  type: fixed\n"))
                .isInstanceOfSatisfying(SceneException.class,
                        e -> assertThat(e.problems().get(0).line()).isGreaterThan(1));
    }

    @Test
    void parse_collinearCalibration_rejected() {
        String s = """
                id: x
                camera:
                  type: fixed
                  width: 640
                  height: 480
                  calibration:
                    - {pixel: [0, 0], ground: [0, 0]}
                    - {pixel: [10, 10], ground: [1, 0]}
                    - {pixel: [20, 20], ground: [1, 1]}
                    - {pixel: [0, 400], ground: [0, 1]}
                """;
        assertThatThrownBy(() -> SceneParser.parse("s", s)).hasMessageContaining("line 7: calibration pixels 1, 2, 3 are collinear");
    }

    @Test
    void parse_droneSceneWithLatLonZone_ok() throws Exception {
        Scene s = SceneParser.parse("d", """
                id: drone-1-cam
                camera: {type: drone, width: 1280, height: 720, horizontalFovDeg: 82, verticalFovDeg: 52}
                zones:
                  - {id: np, kind: no_parking, latlon: [[38.1, 106.1], [38.1, 106.2], [38.2, 106.2]]}
                """);
        assertThat(s.camera()).isInstanceOf(CameraSpec.Drone.class);
        assertThat(s.zones().get(0).coords().space()).isEqualTo(CoordSpace.LATLON);
    }
}
