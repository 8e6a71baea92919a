package org.skypatrol.samples.scenegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;

/** Every library scene file is valid YAML with the structure of docs/scene-format.md, and its calibration is exact. */
class SceneFileTest {

    private static final Set<String> ZONE_KINDS = Set.of("lane", "emergency_lane", "bus_lane", "no_trucks", "motorway",
            "no_parking", "no_u_turn", "intersection", "restricted", "watch");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void sceneYaml_everyScenario_hasTheDocumentedStructure() throws Exception {
        for (Scenario s : ScenarioLibrary.all()) {
            JsonNode root = YAML.readTree(SceneFileWriter.yaml(s));
            assertThat(root.path("id").asText()).isEqualTo(s.name());
            JsonNode cam = root.path("camera");
            assertThat(cam.path("width").asInt()).isEqualTo(640);
            assertThat(cam.path("height").asInt()).isEqualTo(360);
            assertThat(cam.path("origin").path("lat").asDouble()).isEqualTo(38.4681);
            if (s.isDrone()) {
                assertThat(cam.path("type").asText()).isEqualTo("drone");
                assertThat(cam.path("horizontalFovDeg").asDouble()).isEqualTo(70);
            } else {
                assertThat(cam.path("type").asText()).isEqualTo("fixed");
                assertThat(cam.path("calibration")).hasSize(4);
            }
            assertThat(root.path("zones").size()).as(s.name()).isEqualTo(s.layout().zones().size());
            for (JsonNode z : root.path("zones")) {
                assertThat(ZONE_KINDS).contains(z.path("kind").asText());
                JsonNode coords = z.path(s.isDrone() ? "latlon" : "metres");
                assertThat(coords.size()).as(s.name() + " " + z.path("id")).isGreaterThanOrEqualTo(3);
            }
            for (var it = root.path("rules").fieldNames(); it.hasNext(); ) {
                String rule = it.next();
                assertThat(rule.equals("disabled") || ScenarioLibrary.BEHAVIOURS.contains(rule)).as(rule).isTrue();
            }
        }
    }

    @Test
    void sceneYaml_everyScenario_parsesWithTheAnalyticsParserAndItsRulesAcceptTheParameters() throws Exception {
        for (Scenario s : ScenarioLibrary.all()) {
            org.skypatrol.analytics.scene.Scene scene =
                    org.skypatrol.analytics.scene.SceneParser.parse(s.name() + "/scene.yaml", SceneFileWriter.yaml(s));
            assertThat(scene.zones()).as(s.name()).hasSize(s.layout().zones().size());
            assertThat(scene.lines()).as(s.name()).hasSize(s.layout().lines().size());
            assertThat(scene.rules().disabled()).as(s.name()).containsExactlyInAnyOrderElementsOf(s.disabled());
            var rules = org.skypatrol.analytics.rules.RuleSet.build(s.name(), scene.rules());
            assertThat(rules.size() + s.disabled().size()).as(s.name()).isEqualTo(ScenarioLibrary.BEHAVIOURS.size());
        }
    }

    @Test
    void calibration_pixelsAreTheProjectionOfTheGroundPoints() throws Exception {
        Scenario s = MotorwayScenarios.emergencyLane();
        PinholeCamera cam = s.rig().nominal();
        JsonNode calib = YAML.readTree(SceneFileWriter.yaml(s)).path("camera").path("calibration");
        for (JsonNode pair : calib) {
            double[] px = cam.project(pair.path("ground").get(0).asDouble(), pair.path("ground").get(1).asDouble(), 0);
            assertThat(pair.path("pixel").get(0).asDouble()).isCloseTo(px[0], org.assertj.core.data.Offset.offset(0.01));
            assertThat(pair.path("pixel").get(1).asDouble()).isCloseTo(px[1], org.assertj.core.data.Offset.offset(0.01));
        }
        // and the homography the renderer warps with agrees with the full projection on the ground
        double[] h = cam.groundToPixel();
        double w = h[6] * 5 + h[7] * 30 + h[8];
        double[] p = cam.project(5, 30, 0);
        assertThat((h[0] * 5 + h[1] * 30 + h[2]) / w).isCloseTo(p[0], org.assertj.core.data.Offset.offset(1e-6));
        assertThat((h[3] * 5 + h[4] * 30 + h[5]) / w).isCloseTo(p[1], org.assertj.core.data.Offset.offset(1e-6));
        Pt back = cam.toGround(p[0], p[1]);
        assertThat(back.distance(new Pt(5, 30))).isLessThan(1e-6);
    }
}
