package org.skypatrol.gateway.analytics;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.scene.CameraSpec;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneException;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.AnalyticsConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.gateway.video.VideoHub;

/**
 * Live analytics inside the gateway (issue 5, "Live in the gateway"): one {@link SourceAnalysis} per
 * {@code analytics.sources} entry, its frames from the video source of the same id (pulled by its own
 * grabber) or from the feed of the drone publishing under that id (decoded from the feed's access
 * units, {@link PublishedFrames}), its pose (for a
 * drone source) from the tied drone's {@link TelemetryEvent}s, its alerts into the {@link AlertStore}
 * and onto the bus. Scene files are parsed at start-up: a scene with errors fails the start listing
 * every problem with its line (the config check does the same earlier).
 */
public final class LiveAnalytics implements Service {

    private final AnalyticsConfig config;
    private final VideoConfig video;
    private final Path dataDir;
    private final Clock clock;
    private final EventBus events;
    private final AlertStore store;
    private final VideoHub hub;
    private final Map<String, DronePoses> poses = new ConcurrentHashMap<>();
    private final List<SourceAnalysis> sources = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Consumer<AnalysisFrame> beforeAnalysis;
    private volatile Runnable beforeDecode;

    /**
     * @param hub the video part's sources, where published streams are tapped; null when video is off
     *            (then an entry for a published stream fails the start)
     */
    public LiveAnalytics(AnalyticsConfig config, VideoConfig video, VideoHub hub, Path dataDir, Clock clock,
                         EventBus events, AlertStore store) {
        this.config = config;
        this.hub = hub;
        this.video = video;
        this.dataDir = dataDir;
        this.clock = clock;
        this.events = events;
        this.store = store;
        // TelemetryEvent arrives on Netty threads: DronePoses.add only appends under a short lock. Every
        // drone's recent poses are kept (at most 300 samples each), so a source that starts, or a
        // drone whose video appears later, has its pose history at once.
        events.subscribe(TelemetryEvent.class, e -> {
            if (e.telemetry().droneId() != null) {
                poses.computeIfAbsent(e.telemetry().droneId(), id -> new DronePoses()).add(e.telemetry());
            }
        });
    }

    /** Called on every analysis thread before each frame; set before {@link #start} (tests: a slow analysis). */
    void beforeAnalysis(Consumer<AnalysisFrame> hook) {
        this.beforeAnalysis = hook;
    }

    /** Called on a published stream's decode thread before each access unit; set before {@link #start} (tests: a stalled decoder). */
    void beforeDecode(Runnable hook) {
        this.beforeDecode = hook;
    }

    @Override
    public void start() throws Exception {
        List<String> problems = new ArrayList<>();
        List<SourceAnalysis.Spec> specs = new ArrayList<>();
        for (AnalyticsConfig.Source s : config.active()) {
            VideoConfig.Source v = s.published() ? null
                    : video.sources().stream().filter(x -> x.id().equals(s.sourceId())).findFirst().orElse(null);
            if (s.published() && hub == null) {
                problems.add(s.sourceId() + ": a published stream needs the video part and its RTSP publish server");
                continue;
            }
            if (!s.published() && v == null) {
                problems.add(s.sourceId() + ": no video source with this id (published: true for a drone publishing"
                        + " to the gateway)");
                continue;
            }
            Scene scene;
            try {
                scene = SceneParser.parse(Path.of(s.scene()));
            } catch (SceneException e) {
                problems.add(s.sourceId() + ": " + e.getMessage());
                continue;
            } catch (IOException e) {
                problems.add(s.sourceId() + ": cannot read scene file " + s.scene() + ": " + e.getMessage());
                continue;
            }
            // the pose comes from the drone the video belongs to (the publisher, or the pulled source's
            // droneId), else from the scene's drone
            String droneId = s.published() ? s.sourceId() : v.droneId() != null ? v.droneId()
                    : scene.camera() instanceof CameraSpec.Drone d ? d.droneId() : null;
            String mismatch = s.published() ? AnalyticsConfig.publishedDroneProblem(s.sourceId(), scene) : null;
            if (mismatch != null) {
                problems.add(s.sourceId() + ": scene " + s.scene() + ": " + mismatch);
                continue;
            }
            if (scene.camera() instanceof CameraSpec.Drone && droneId == null) {
                problems.add(s.sourceId() + ": scene " + s.scene() + " is a drone camera but neither the video source"
                        + " nor the scene names its drone (video.sources[].droneId or camera.droneId)");
                continue;
            }
            Path model = s.detector() == AnalyticsConfig.DetectorKind.ONNX ? Path.of(s.model()) : null;
            specs.add(new SourceAnalysis.Spec(s.sourceId(), v == null ? null : v.url(), v != null && v.loop(),
                    v != null && v.realTime(), v == null ? 0 : v.timeoutSeconds(),
                    droneId, scene, s.fps(), model, dataDir,
                    Duration.ofSeconds(video.evidence().preRollSeconds()),
                    Duration.ofSeconds(video.evidence().postRollSeconds()),
                    video.enabled() && video.recording() != null && video.recording().enabled()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("live analytics cannot start:\n  "
                    + problems.stream().collect(Collectors.joining("\n  ")));
        }
        Instant epoch = clock.instant();
        String runTag = Long.toString(epoch.toEpochMilli(), 36);
        try {
            for (SourceAnalysis.Spec spec : specs) {
                DronePoses p = spec.droneId() == null ? null : poses.computeIfAbsent(spec.droneId(), id -> new DronePoses());
                SourceAnalysis a = new SourceAnalysis(spec, clock, epoch, runTag, events, store, p, beforeAnalysis,
                        beforeDecode);
                a.start();
                sources.add(a);
                if (spec.published()) {
                    // the feed is created when the drone first publishes (or exists already): tap it then
                    GopQueue input = a.publishedInput();
                    hub.onFeed((id, feed) -> {
                        if (id.equals(spec.sourceId())) {
                            feed.addListener(input);
                        }
                    });
                }
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Counters of every analysed source. */
    public List<SourceCounters> counters() {
        return sources.stream().map(SourceAnalysis::counters).toList();
    }

    /** Time per pipeline stage of every analysed source, by source id (read by the metrics). */
    public Map<String, org.skypatrol.analytics.pipeline.StageTimings> stageTimings() {
        Map<String, org.skypatrol.analytics.pipeline.StageTimings> m = new java.util.LinkedHashMap<>();
        sources.forEach(s -> m.put(s.sourceId(), s.timings()));
        return m;
    }

    /** One line per source, for the demo console. */
    public String summary() {
        List<SourceCounters> c = counters();
        return c.isEmpty() ? "analytics: no source with a scene"
                : c.stream().map(SourceCounters::line).collect(Collectors.joining("\n"));
    }

    public AlertStore store() {
        return store;
    }

    @Override
    public void close() {
        for (int i = sources.size() - 1; i >= 0; i--) {
            sources.get(i).close();
        }
        sources.clear();
    }
}
