package org.skypatrol.samples.scenegen;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Renders one scenario into a directory: {@code video.mp4}, {@code scene.yaml}, {@code truth.jsonl},
 * {@code scenario.json} (name, behaviour, polarity, description), {@code preview.jpg}, and for drone
 * clips the pose track as {@code telemetry.jsonl} (Telemetry records) and {@code telemetry.tlog} (MAVLink).
 */
public final class ScenarioRenderer {

    /** Wall-clock time of every clip's first frame (the video's creation_time and the telemetry's clock). */
    public static final Instant VIDEO_START = Instant.parse("2026-05-01T08:00:00Z");

    /** Receives each rendered frame; the Mat is only valid during the call. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(int index, Mat bgr) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScenarioRenderer() {
    }

    /** Renders every frame of the clip to {@code sink}, in order. */
    public static void frames(Scenario s, FrameSink sink) throws IOException {
        PinholeCamera nominal = s.rig().nominal();
        try (GroundTexture texture = new GroundTexture(s.layout(), s.seed());
             FrameRenderer renderer = new FrameRenderer(texture, s.look(), s.seed(), nominal.width(), nominal.height())) {
            for (int i = 0; i < s.frameCount(); i++) {
                double t = i / s.fps();
                sink.accept(i, renderer.render(t, s.rig().at(t), s.actors()));
            }
        }
    }

    /** Writes the whole scenario into {@code dir} (created if missing). */
    public static void render(Scenario s, Path dir) throws IOException {
        Files.createDirectories(dir);
        PinholeCamera nominal = s.rig().nominal();
        int previewFrame = previewFrame(s);
        try (ClipWriter writer = new ClipWriter(dir.resolve("video.mp4"), nominal.width(), nominal.height(), s.fps(),
                VIDEO_START)) {
            frames(s, (i, bgr) -> {
                writer.write(bgr);
                if (i == previewFrame) {
                    imwrite(dir.resolve("preview.jpg").toString(), bgr);
                }
            });
        }
        Files.writeString(dir.resolve("scene.yaml"), SceneFileWriter.yaml(s), StandardCharsets.UTF_8);
        EventsJson.write(dir.resolve("truth.jsonl"), truthEvents(s));
        if (s.isDrone()) {
            List<org.skypatrol.protocols.telemetry.Telemetry> track = TelemetryTrack.track(s, VIDEO_START);
            TelemetryTrack.writeJsonl(dir.resolve("telemetry.jsonl"), track);
            TelemetryTlog.write(dir.resolve("telemetry.tlog"), track);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", s.name());
        meta.put("behaviour", s.behaviour());
        meta.put("polarity", s.polarity().id());
        meta.put("description", s.description());
        meta.put("seed", s.seed());
        meta.put("durationSeconds", s.durationSeconds());
        meta.put("fps", s.fps());
        meta.put("camera", s.isDrone() ? "drone" : "fixed");
        meta.put("layout", s.layout().name());
        JSON.writeValue(dir.resolve("scenario.json").toFile(), meta);
    }

    /** The truth as events: a start per phase, and an end when the phase ends inside the clip. */
    public static List<EventRecord> truthEvents(Scenario s) {
        List<EventRecord> out = new ArrayList<>();
        for (Scenario.TruthPhase p : s.truth()) {
            out.add(event(s, p, "start", p.startSeconds()));
            if (p.endSeconds() != null && p.endSeconds() < s.durationSeconds()) {
                out.add(event(s, p, "end", p.endSeconds()));
            }
        }
        out.sort(java.util.Comparator.comparingDouble(EventRecord::videoTimeSeconds));
        return out;
    }

    private static EventRecord event(Scenario s, Scenario.TruthPhase p, String phase, double t) {
        PinholeCamera cam = s.rig().at(t);
        List<EventRecord.EventObject> objects = new ArrayList<>();
        for (int id : p.actorIds()) {
            Actor a = s.actor(id);
            int[] b = FrameRenderer.bbox(a, t, cam);
            objects.add(new EventRecord.EventObject(id, a.kind().className(),
                    b == null ? null : List.of(b[0], b[1], b[2], b[3])));
        }
        double rounded = Math.round(t * 1000) / 1000.0;
        return new EventRecord(p.behaviour(), phase, rounded, Math.round(t * s.fps()), p.zoneId(), objects);
    }

    private static int previewFrame(Scenario s) {
        double t = s.truth().isEmpty() ? s.durationSeconds() / 2 : s.truth().get(0).startSeconds();
        return (int) Math.min(s.frameCount() - 1, Math.round(t * s.fps()));
    }
}
