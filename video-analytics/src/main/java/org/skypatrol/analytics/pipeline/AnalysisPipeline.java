package org.skypatrol.analytics.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.detect.Detector;
import org.skypatrol.analytics.events.AlertEvent;
import org.skypatrol.analytics.events.AlertObject;
import org.skypatrol.analytics.evidence.EvidenceWriter;
import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.geo.CameraPose;
import org.skypatrol.analytics.geo.LatLon;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.pipeline.StageTimings.Stage;
import org.skypatrol.analytics.rules.AlertLifecycle;
import org.skypatrol.analytics.rules.AlertTransition;
import org.skypatrol.analytics.rules.Rule;
import org.skypatrol.analytics.rules.RuleContext;
import org.skypatrol.analytics.rules.RuleEngine;
import org.skypatrol.analytics.rules.RuleHit;
import org.skypatrol.analytics.rules.RuleSet;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneException;
import org.skypatrol.analytics.scene.SceneGeometry;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackSnapshot;
import org.skypatrol.analytics.track.Tracker;

/**
 * The analysis of one source, frame by frame: scene view (through the pose for a drone) → detection
 * → tracking on the ground → rules → alert lifecycle → events with evidence. The narrow boundary
 * the gateway hosts: frames (with frame time) and optional poses in, {@link AlertEvent}s out.
 * Not thread-safe: one analysis thread per source.
 */
public final class AnalysisPipeline implements AutoCloseable {

    private final Scene scene;
    private final SceneGeometry geometry;
    private final Detector detector;
    private final Tracker tracker;
    private final RuleEngine rules;
    private final AlertLifecycle lifecycle;
    private final PipelineOptions options;
    private final EvidenceWriter evidence;
    private final Consumer<AlertEvent> sink;
    private final StageTimings timings = new StageTimings();
    private final AtomicLong framesWithoutPose = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private SceneView lastView;
    private double lastTime;
    private long lastFrame;

    public AnalysisPipeline(Scene scene, Detector detector, PipelineOptions options, Consumer<AlertEvent> sink)
            throws SceneException, IOException {
        this.scene = scene;
        this.geometry = new SceneGeometry(scene);
        this.detector = detector;
        this.tracker = new Tracker(options.tracker());
        this.rules = new RuleEngine(RuleSet.build(scene.id(), scene.rules()));
        this.lifecycle = new AlertLifecycle(scene.id());
        this.options = options;
        this.evidence = options.evidenceDir() == null ? null : new EvidenceWriter(options.evidenceDir());
        this.sink = sink;
    }

    /**
     * Analyses one frame. {@code pose} is required for a drone scene (a frame without a pose is
     * counted and skipped: no silent wrong answer) and ignored for a fixed camera.
     */
    public Optional<FrameResult> process(AnalysisFrame frame, CameraPose pose) {
        long t0 = System.nanoTime();
        SceneView view;
        if (geometry.needsPose()) {
            if (pose == null) {
                framesWithoutPose.incrementAndGet();
                return Optional.empty();
            }
            view = geometry.view(pose);
        } else {
            view = geometry.view();
        }
        long t1 = System.nanoTime();
        timings.add(Stage.PREPARE, t1 - t0);
        List<Detection> dets = detector.detect(frame, view);
        long t2 = System.nanoTime();
        timings.add(Stage.DETECT, t2 - t1);
        double t = frame.timeSeconds();
        List<TrackSnapshot> tracks = tracker.update(t, dets, view.mapping());
        long t3 = System.nanoTime();
        timings.add(Stage.TRACK, t3 - t2);
        LocalTime local = options.videoStart() == null ? null
                : options.videoStart().plusNanos((long) (t * 1e9)).toLocalTime();
        Map<Rule, List<RuleHit>> hits = rules.evaluate(new RuleContext(view, t, frame.index(), tracks, local));
        List<AlertTransition> transitions = lifecycle.step(t, hits);
        long t4 = System.nanoTime();
        timings.add(Stage.RULES, t4 - t3);
        List<AlertEvent> out = new ArrayList<>();
        for (AlertTransition tr : transitions) {
            out.add(toEvent(tr, frame, view, tracks));
        }
        if (!transitions.isEmpty()) {
            timings.add(Stage.EVIDENCE, System.nanoTime() - t4);
        }
        out.forEach(this::emit);
        frames.incrementAndGet();
        lastView = view;
        lastTime = t;
        lastFrame = frame.index();
        return Optional.of(new FrameResult(frame.index(), t, view, dets, tracks, out));
    }

    /**
     * The video broke before the next frame (a loop, a reconnect, a new publisher: {@link
     * AnalysisFrame#stream}): the open alerts end at the last frame before the break, the tracks are
     * forgotten and the detector learns the scene again, so nothing left over from the old picture (a
     * car parked at the end of a loop, gone at its start) passes for an object in the new one.
     */
    public List<AlertEvent> restart() {
        List<AlertEvent> ended = finish();
        tracker.clear();
        detector.restart();
        restarts.incrementAndGet();
        return ended;
    }

    /** Stream breaks the analysis started afresh after. */
    public long restarts() {
        return restarts.get();
    }

    /** Ends all open alerts (end of the video). */
    public List<AlertEvent> finish() {
        List<AlertEvent> out = new ArrayList<>();
        if (lastView == null) {
            return out;
        }
        for (AlertTransition tr : lifecycle.finish(lastTime)) {
            out.add(event(tr, lastFrame, lastTime, lastView, List.of(), null));
        }
        out.forEach(this::emit);
        return out;
    }

    private void emit(AlertEvent e) {
        events.incrementAndGet();
        sink.accept(e);
    }

    private AlertEvent toEvent(AlertTransition tr, AnalysisFrame frame, SceneView view, List<TrackSnapshot> tracks) {
        String snapshot = null;
        if (evidence != null && tr.phase() != org.skypatrol.analytics.events.Phase.UPDATE) {
            Path p = evidence.write(frame.bgr(), view, tracks, tr.alertId(), tr.rule().behaviour().id(),
                    tr.hit().zoneId(), tr.hit().trackIds(), frame.timeSeconds(), tr.phase().id());
            snapshot = p == null ? null : p.toString();
        }
        return event(tr, frame.index(), frame.timeSeconds(), view, tracks, snapshot);
    }

    private AlertEvent event(AlertTransition tr, long frameIndex, double t, SceneView view,
                             List<TrackSnapshot> tracks, String snapshot) {
        List<AlertObject> objects = new ArrayList<>();
        for (int id : tr.hit().trackIds()) {
            tracks.stream().filter(s -> s.id() == id).findFirst().ifPresentOrElse(s -> {
                Optional<LatLon> ll = view.latLon(s.ground());
                objects.add(new AlertObject(s.id(), s.cls().id(), s.box().toList(), round(s.speedMps()),
                        List.of(round(s.ground().x()), round(s.ground().y())),
                        ll.map(LatLon::latDeg).orElse(null), ll.map(LatLon::lonDeg).orElse(null)));
            }, () -> objects.add(new AlertObject(id, "unknown", List.of(), null, null, null, null)));
        }
        Vec2 g = tr.hit().ground();
        Optional<LatLon> ll = g == null ? Optional.empty() : view.latLon(g);
        return new AlertEvent(tr.alertId(), scene.id(), tr.rule().behaviour().id(), tr.phase(), round3(t), frameIndex,
                tr.hit().zoneId(), tr.rule().severity(), objects,
                g == null ? null : List.of(round(g.x()), round(g.y())),
                ll.map(LatLon::latDeg).orElse(null), ll.map(LatLon::lonDeg).orElse(null), snapshot, tr.hit().detail());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    public StageTimings timings() {
        return timings;
    }

    public long framesWithoutPose() {
        return framesWithoutPose.get();
    }

    public long framesAnalysed() {
        return frames.get();
    }

    public long eventsEmitted() {
        return events.get();
    }

    public Map<String, Long> ruleFailures() {
        return rules.failures();
    }

    public Tracker tracker() {
        return tracker;
    }

    public Scene scene() {
        return scene;
    }

    @Override
    public void close() {
        detector.close();
    }
}
