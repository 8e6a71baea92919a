package org.skypatrol.samples.scenegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.protocols.telemetry.Telemetry;

/** Rendering writes a decodable H.264 clip and its side files, and is deterministic by seed. */
class ScenarioRendererTest {

    @TempDir
    Path dir;

    /** A library scenario cut to {@code seconds} (and optionally re-seeded) so tests stay fast. */
    static Scenario shortened(Scenario s, double seconds, long seed) {
        return new Scenario(s.name(), s.behaviour(), s.polarity(), s.description(), seed, seconds, s.fps(), s.layout(),
                s.rig(), s.look(), s.actors(), s.rules(), s.disabled(),
                s.truth().stream().filter(p -> p.startSeconds() < seconds).toList());
    }

    @Test
    void render_fixedCamera_writesDecodableH264WithEveryFrame() throws Exception {
        Scenario s = shortened(UrbanScenarios.busLane(), 5, 211);
        ScenarioRenderer.render(s, dir);

        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(dir.resolve("video.mp4").toFile())) {
            g.start();
            assertThat(g.getVideoCodecName()).isEqualTo("h264");
            assertThat(g.getImageWidth()).isEqualTo(640);
            assertThat(g.getImageHeight()).isEqualTo(360);
            assertThat(g.getFrameRate()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(g.getMetadata("creation_time")).startsWith("2026-05-01T08:00:00");
            int frames = 0;
            Frame f;
            while ((f = g.grabImage()) != null) {
                assertThat(f.imageWidth).isEqualTo(640);
                frames++;
            }
            assertThat(frames).isEqualTo(s.frameCount());
            g.stop();
        }
        assertThat(dir.resolve("scene.yaml")).isRegularFile();
        assertThat(dir.resolve("preview.jpg")).isRegularFile();
        assertThat(EventsJson.read(dir.resolve("truth.jsonl"))).hasSize(s.truth().size());
        assertThat(new ObjectMapper().readTree(dir.resolve("scenario.json").toFile()).path("polarity").asText())
                .isEqualTo("positive");
        assertThat(dir.resolve("telemetry.jsonl")).doesNotExist();
    }

    @Test
    void render_drone_writesOneTelemetryRecordPerFrameOnThePoseTrack() throws Exception {
        Scenario s = shortened(DroneScenarios.emergencyLaneFromPatrol(), 3, 402);
        ScenarioRenderer.render(s, dir);

        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        List<Telemetry> track = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("telemetry.jsonl"))) {
            track.add(json.readValue(line, Telemetry.class));
        }
        assertThat(track).hasSize(s.frameCount());
        Telemetry first = track.get(0);
        Telemetry last = track.get(track.size() - 1);
        assertThat(first.time()).isEqualTo(ScenarioRenderer.VIDEO_START);
        assertThat(first.position().altitudeRelativeMetres()).isEqualTo(40.0);
        assertThat(first.gimbal().pitchDeg()).isCloseTo(-60, org.assertj.core.data.Offset.offset(1.0));
        // flying north: latitude grows by the distance flown (0.83 m/s) over the clip
        double northMetres = (last.position().latitudeDeg() - first.position().latitudeDeg())
                * SceneFileWriter.ORIGIN.metresPerDegLat();
        double expected = 20.0 / 24 * (last.time().toEpochMilli() - first.time().toEpochMilli()) / 1000.0;
        assertThat(northMetres).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05));
        assertThat(Files.readString(dir.resolve("scene.yaml"))).contains("type: drone", "latlon:", "droneId: drone-sim-1");
    }

    @Test
    void frames_sameSeed_areIdentical_otherSeedDiffers() throws Exception {
        Scenario s = shortened(PlazaScenarios.fighting(), 1.5, 341);
        String a = digest(s);
        String b = digest(s);
        String c = digest(shortened(PlazaScenarios.fighting(), 1.5, 999));
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(SceneFileWriter.yaml(PlazaScenarios.fighting())).isEqualTo(SceneFileWriter.yaml(PlazaScenarios.fighting()));
        assertThat(ScenarioRenderer.truthEvents(PlazaScenarios.crowd())).isEqualTo(ScenarioRenderer.truthEvents(PlazaScenarios.crowd()));
    }

    private static String digest(Scenario s) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ScenarioRenderer.frames(s, (i, bgr) -> {
            Mat m = bgr.isContinuous() ? bgr : bgr.clone();
            ByteBuffer buf = m.createBuffer();
            byte[] bytes = new byte[(int) (m.total() * m.elemSize())];
            buf.get(bytes);
            md.update(bytes);
        });
        return HexFormat.of().formatHex(md.digest());
    }
}
