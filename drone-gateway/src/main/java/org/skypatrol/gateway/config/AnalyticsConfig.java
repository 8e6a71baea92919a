package org.skypatrol.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.skypatrol.analytics.scene.CameraSpec;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneException;
import org.skypatrol.analytics.scene.SceneParser;

/**
 * The {@code analytics} section: live analytics per video source (docs/live-analytics.md). Every
 * entry names a source of {@code video.sources}, or with {@code published: true} a drone publishing
 * to the gateway's RTSP server ({@code rtsp://gateway:8554/drones/{sourceId}}), and the scene file
 * that describes what its camera sees; sources without an entry are recorded but not analysed.
 *
 * @param enabled  master switch
 * @param sources  one entry per analysed source
 */
public record AnalyticsConfig(boolean enabled, List<Source> sources) {

    /** Detector choice per source (issue 5, "Detectors"). */
    public enum DetectorKind { CLASSICAL, ONNX }

    /**
     * One analysed source.
     *
     * @param sourceId  id of an entry of {@code video.sources}; with {@code published}, the drone id of the
     *                  publish path {@code /drones/{sourceId}} (the id its recordings and status use)
     * @param scene     scene file (docs/scene-format.md), relative to the working directory
     * @param fps       analysis rate (frames per second analysed), default 5
     * @param detector  {@code CLASSICAL} (default, no model file) or {@code ONNX} (needs {@code model})
     * @param model     YOLOX ONNX model file for the ONNX detector
     * @param enabled   default true; false keeps the entry but does not analyse
     * @param published default false; true: the stream a drone publishes to the gateway's RTSP server
     */
    public record Source(String sourceId, String scene, Double fps, DetectorKind detector, String model,
                         Boolean enabled, Boolean published) {

        public Source {
            fps = fps == null ? 5.0 : fps;
            detector = detector == null ? DetectorKind.CLASSICAL : detector;
            enabled = enabled == null || enabled;
            published = published != null && published;
        }

        /** An entry for a pulled source ({@code published} false). */
        public Source(String sourceId, String scene, Double fps, DetectorKind detector, String model, Boolean enabled) {
            this(sourceId, scene, fps, detector, model, enabled, false);
        }
    }

    /** The drone ids the publish server accepts in {@code /drones/{id}} (RtspPublishSession). */
    static final String PUBLISHED_ID = "[A-Za-z0-9_-]{1,64}";

    public AnalyticsConfig {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static AnalyticsConfig defaults() {
        return new AnalyticsConfig(true, List.of());
    }

    /** The enabled entries (what the gateway analyses when the section is enabled). */
    public List<Source> active() {
        return enabled ? sources.stream().filter(Source::enabled).toList() : List.of();
    }

    /**
     * Checks every entry, listing every problem: unknown or duplicate source ids, a scene file that is
     * missing or has errors (each with its line), a missing model; for a published stream, a drone id
     * the publish path cannot carry, a publish server that is off, an id that is also a pulled source.
     * {@code video} is needed to check that a source exists.
     */
    void validate(Problems p, VideoConfig video) {
        Set<String> known = new HashSet<>();
        if (video != null && video.sources() != null) {
            video.sources().forEach(s -> known.add(s.id()));
        }
        boolean publishServer = video != null && video.enabled() && video.rtspServer() != null
                && video.rtspServer().enabled();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            String path = "analytics.sources[" + i + "]";
            if (p.check(s.sourceId() != null && !s.sourceId().isBlank(), path + ".sourceId", "is required")) {
                p.check(seen.add(s.sourceId()), path + ".sourceId", "duplicate source '" + s.sourceId() + "'");
                if (s.published()) {
                    p.check(s.sourceId().matches(PUBLISHED_ID), path + ".sourceId", "a published drone id must be 1-64"
                            + " characters of A-Z a-z 0-9 _ - (the path /drones/{id}), was '" + s.sourceId() + "'");
                    p.check(!known.contains(s.sourceId()), path + ".sourceId", "'" + s.sourceId() + "' is both published"
                            + " and a pulled source of video.sources: one id, one stream (rename one of them)");
                    p.check(publishServer, path + ".published", "needs the RTSP publish server"
                            + " (video.enabled and video.rtspServer.enabled)");
                } else {
                    p.check(known.contains(s.sourceId()), path + ".sourceId", "no video source '" + s.sourceId()
                            + "' in video.sources (for a drone publishing to rtsp://gateway:port/drones/" + s.sourceId()
                            + " set published: true)");
                }
            }
            p.check(s.fps() > 0 && s.fps() <= 30, path + ".fps", "must be in (0, 30], was " + s.fps());
            if (s.detector() == DetectorKind.ONNX) {
                if (p.check(s.model() != null && !s.model().isBlank(), path + ".model", "is required for detector ONNX")) {
                    p.check(Files.isReadable(Path.of(s.model())), path + ".model",
                            "cannot read model file " + s.model());
                }
            } else {
                p.check(s.model() == null || s.model().isBlank(), path + ".model",
                        "is only used by detector ONNX (set detector: ONNX or remove it)");
            }
            if (!s.enabled() || !enabled) {
                continue;                           // a disabled entry may point at a scene not there yet
            }
            if (p.check(s.scene() != null && !s.scene().isBlank(), path + ".scene", "is required")) {
                Scene scene = checkScene(p, path + ".scene", Path.of(s.scene()));
                if (scene != null && s.published() && s.sourceId() != null) {
                    String problem = publishedDroneProblem(s.sourceId(), scene);
                    p.check(problem == null, path + ".scene", s.scene() + ": " + problem);
                }
            }
        }
    }

    /**
     * For a published stream: null when the scene fits the publishing drone, else the problem (a drone
     * camera scene naming another drone: the pose would come from the wrong drone's telemetry).
     */
    public static String publishedDroneProblem(String droneId, Scene scene) {
        if (scene.camera() instanceof CameraSpec.Drone d && d.droneId() != null && !d.droneId().equals(droneId)) {
            return "camera.droneId is '" + d.droneId() + "' but the stream is published by drone '" + droneId
                    + "' (its telemetry gives the pose); remove camera.droneId or make them equal";
        }
        return null;
    }

    /** The parsed scene, or null after listing why it cannot be used. */
    private static Scene checkScene(Problems p, String path, Path file) {
        if (!p.check(Files.isReadable(file), path, "cannot read scene file " + file)) {
            return null;
        }
        try {
            return SceneParser.parse(file);
        } catch (SceneException e) {
            e.problems().forEach(pr -> p.add(path, file + ": " + pr));
        } catch (IOException e) {
            p.add(path, "cannot read scene file " + file + ": " + e.getMessage());
        }
        return null;
    }
}
