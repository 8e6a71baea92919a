package org.skypatrol.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.skypatrol.analytics.scene.SceneException;
import org.skypatrol.analytics.scene.SceneParser;

/**
 * The {@code analytics} section: live analytics per video source (docs/live-analytics.md). Every
 * entry names a source of {@code video.sources} and the scene file that describes what its camera
 * sees; sources without an entry are recorded but not analysed.
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
     * @param sourceId  id of an entry of {@code video.sources}
     * @param scene     scene file (docs/scene-format.md), relative to the working directory
     * @param fps       analysis rate (frames per second analysed), default 5
     * @param detector  {@code CLASSICAL} (default, no model file) or {@code ONNX} (needs {@code model})
     * @param model     YOLOX ONNX model file for the ONNX detector
     * @param enabled   default true; false keeps the entry but does not analyse
     */
    public record Source(String sourceId, String scene, Double fps, DetectorKind detector, String model,
                         Boolean enabled) {

        public Source {
            fps = fps == null ? 5.0 : fps;
            detector = detector == null ? DetectorKind.CLASSICAL : detector;
            enabled = enabled == null || enabled;
        }
    }

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
     * missing or has errors (each with its line), a missing model. {@code video} is needed to check
     * that a source exists.
     */
    void validate(Problems p, VideoConfig video) {
        Set<String> known = new HashSet<>();
        if (video != null && video.sources() != null) {
            video.sources().forEach(s -> known.add(s.id()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            String path = "analytics.sources[" + i + "]";
            if (p.check(s.sourceId() != null && !s.sourceId().isBlank(), path + ".sourceId", "is required")) {
                p.check(seen.add(s.sourceId()), path + ".sourceId", "duplicate source '" + s.sourceId() + "'");
                p.check(known.contains(s.sourceId()), path + ".sourceId",
                        "no video source '" + s.sourceId() + "' in video.sources");
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
                checkScene(p, path + ".scene", Path.of(s.scene()));
            }
        }
    }

    private static void checkScene(Problems p, String path, Path file) {
        if (!p.check(Files.isReadable(file), path, "cannot read scene file " + file)) {
            return;
        }
        try {
            SceneParser.parse(file);
        } catch (SceneException e) {
            e.problems().forEach(pr -> p.add(path, file + ": " + pr));
        } catch (IOException e) {
            p.add(path, "cannot read scene file " + file + ": " + e.getMessage());
        }
    }
}
