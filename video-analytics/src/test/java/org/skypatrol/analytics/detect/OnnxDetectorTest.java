package org.skypatrol.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.analytics.frame.FileFrameSource;
import org.skypatrol.analytics.scene.SceneGeometry;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.testing.SharedData;

/** YOLOX-Nano on real PETS09 footage (skips without ../shared/data; fails under CI). */
class OnnxDetectorTest {

    @Test
    void detect_pets09Frame_findsThePeopleOfTheGroundTruth() throws Exception {
        Path model = SharedData.file("models/yolox_nano/yolox_nano.onnx");
        Path video = SharedData.file("video/pets09-s2l1_vtest_h264.mp4");
        // ground truth frame 1 (1-based) has these people; count them from gt.txt
        long truth = Files.readAllLines(SharedData.file("groundtruth/PETS09-S2L1/gt.txt")).stream()
                .filter(l -> l.startsWith("1,")).count();
        var scene = SceneParser.parse(SharedData.repoRoot().resolve("samples/scenes/pets09-s2l1.yaml"));
        try (FileFrameSource src = new FileFrameSource(video, 0);
             OnnxDetector d = new OnnxDetector(model, 416, 0.3, 2.0);
             var frame = src.next().orElseThrow()) {
            List<Detection> dets = d.detect(frame, new SceneGeometry(scene).view());
            long people = dets.stream().filter(x -> x.cls() == ObjectClass.PERSON).count();
            assertThat(people).isBetween(Math.round(truth * 0.7), truth + 3);
            assertThat(dets).anyMatch(x -> x.cls() == ObjectClass.CAR || x.cls() == ObjectClass.TRUCK); // the parked van
            assertThat(d.inferences()).isEqualTo(1);
        }
    }

    @Test
    void construct_missingOrBogusModel_clearMessage(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new OnnxDetector(dir.resolve("none.onnx"), 416, 0.3, 2))
                .hasMessageContaining("model not found");
        Path bogus = Files.write(dir.resolve("bogus.onnx"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> new OnnxDetector(bogus, 416, 0.3, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load ONNX model");
    }
}
