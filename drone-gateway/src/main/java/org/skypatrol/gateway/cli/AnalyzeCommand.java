package org.skypatrol.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.skypatrol.analytics.detect.Detector;
import org.skypatrol.analytics.detect.Detectors;
import org.skypatrol.analytics.events.AlertEvent;
import org.skypatrol.analytics.events.EventsWriter;
import org.skypatrol.analytics.events.Phase;
import org.skypatrol.analytics.evidence.AnnotatedVideoWriter;
import org.skypatrol.analytics.frame.FileFrameSource;
import org.skypatrol.analytics.frame.FrameSourceException;
import org.skypatrol.analytics.pipeline.AnalysisPipeline;
import org.skypatrol.analytics.pipeline.FrameQueue;
import org.skypatrol.analytics.pipeline.PipelineOptions;
import org.skypatrol.analytics.pipeline.PoseSource;
import org.skypatrol.analytics.pipeline.VideoAnalysis;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneException;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.analytics.telemetry.TelemetryPoses;
import org.skypatrol.analytics.track.TrackerSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code skypatrol analyze}: offline analysis of recorded footage against a scene file (DESIGN.md, CLI). */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Offline analysis of recorded footage against a scene file.")
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VIDEO", description = "video file (anything FFmpeg reads)")
    Path video;

    @Option(names = "--scene", required = true, paramLabel = "SCENE.yaml", description = "scene file (docs/scene-format.md)")
    Path scenePath;

    @Option(names = "--events", paramLabel = "OUT.jsonl", description = "write alert phases (start/end) as JSON lines")
    Path eventsPath;

    @Option(names = "--out", paramLabel = "ANNOTATED.mp4", description = "write the analysed frames, annotated")
    Path outVideo;

    @Option(names = "--evidence", paramLabel = "DIR", description = "evidence JPEG folder (default: next to --events, else none)")
    Path evidenceDir;

    @Option(names = "--model", paramLabel = "FILE", description = "YOLOX ONNX model: use the DNN detector instead of the classical one")
    Path model;

    @Option(names = "--score", defaultValue = "0.55", paramLabel = "S",
            description = "ONNX detector score threshold (objectness x class score; default ${DEFAULT-VALUE})")
    double score;

    @Option(names = "--telemetry", paramLabel = "FILE", description = "drone pose: MAVLink .tlog, or JSON lines of Telemetry records")
    Path telemetry;

    @Option(names = "--video-start", paramLabel = "TIME",
            description = "wall-clock time of the first frame (ISO-8601, e.g. 2026-05-01T08:00:00Z); default: the video's creation_time")
    String videoStart;

    @Option(names = "--fps", defaultValue = "5", description = "analysis rate, frames per second (default ${DEFAULT-VALUE}; 0 = every frame)")
    double fps;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        Scene scene;
        try {
            scene = SceneParser.parse(scenePath);
        } catch (SceneException e) {
            err.println("skypatrol analyze: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("skypatrol analyze: cannot read scene " + scenePath + ": " + e.getMessage());
            return 2;
        }
        FileFrameSource source;
        try {
            source = new FileFrameSource(video, fps);
        } catch (FrameSourceException e) {
            err.println("skypatrol analyze: " + e.getMessage());
            return 1;
        }
        try (source) {
            Instant start = resolveStart(source);
            PoseSource poses = PoseSource.none();
            if (telemetry != null) {
                try {
                    if (!Files.isReadable(telemetry)) {
                        throw new IOException("cannot read telemetry " + telemetry);
                    }
                    String name = telemetry.getFileName().toString();
                    TelemetryPoses tp = (name.endsWith(".jsonl") || name.endsWith(".json")
                            ? TelemetryPoses.fromJsonLines(telemetry) : TlogPoses.read(telemetry)).requireUsable(telemetry);
                    if (start == null) {
                        start = tp.firstTime();
                        err.println("skypatrol analyze: warning: no --video-start and no creation_time in the video;"
                                + " aligning the video with the first telemetry sample (" + start + ")");
                    }
                    poses = tp.relativeTo(start);
                    err.println("skypatrol analyze: telemetry " + telemetry + ": " + tp.summary());
                } catch (IOException e) {
                    err.println("skypatrol analyze: " + e.getMessage());
                    return 2;
                }
            } else if (scene.camera() instanceof org.skypatrol.analytics.scene.CameraSpec.Drone) {
                err.println("skypatrol analyze: scene '" + scene.id() + "' is a drone camera: --telemetry is required");
                return 2;
            }
            Path evidence = evidenceDir != null ? evidenceDir
                    : eventsPath == null ? null : Path.of(eventsPath + ".evidence");
            LocalDateTime localStart = start == null ? null : LocalDateTime.ofInstant(start, ZoneId.systemDefault());
            Detector detector;
            try {
                detector = Detectors.create(model, scene, score);
            } catch (IllegalArgumentException e) {
                err.println("skypatrol analyze: " + e.getMessage());
                return 2;
            }
            Map<String, int[]> counts = new TreeMap<>();
            EventsWriter events = eventsPath == null ? null : EventsWriter.open(eventsPath);
            AnnotatedVideoWriter annotated = outVideo == null ? null
                    : new AnnotatedVideoWriter(outVideo, fps > 0 ? fps : source.sourceFps());
            Progress progress = new Progress(err, source.announcedFrames(), !noProgress);
            try (AnalysisPipeline pipeline = new AnalysisPipeline(scene, detector,
                    new PipelineOptions(evidence, localStart, TrackerSettings.defaults()), e -> {
                        if (events != null) {
                            events.write(e);
                        }
                        if (e.phase() != Phase.UPDATE) {
                            counts.computeIfAbsent(e.behaviour(), k -> new int[2])[e.phase() == Phase.START ? 0 : 1]++;
                        }
                        if (e.phase() == Phase.START) {
                            progress.line(describe(e));
                        }
                    })) {
                VideoAnalysis.Result r = VideoAnalysis.run(source, pipeline, poses, FrameQueue.Policy.BLOCK, (res, f) -> {
                    progress.update(source.stats().decoded.get(), res.timeSeconds());
                    if (annotated != null) {
                        try {
                            annotated.write(res, f.bgr());
                        } catch (org.bytedeco.javacv.FrameRecorder.Exception ex) {
                            throw new IllegalStateException("cannot write " + outVideo + ": " + ex.getMessage(), ex);
                        }
                    }
                });
                progress.done();
                report(err, source, pipeline, r, counts, detector);
                return r.sourceError() == null ? 0 : 1;
            } catch (SceneException e) {
                err.println("skypatrol analyze: " + e.getMessage());
                return 2;
            } finally {
                if (events != null) {
                    events.close();
                }
                if (annotated != null) {
                    annotated.close();
                }
            }
        }
    }

    private Instant resolveStart(FileFrameSource source) {
        if (videoStart != null) {
            try {
                return Instant.parse(videoStart);
            } catch (java.time.format.DateTimeParseException e) {
                return LocalDateTime.parse(videoStart).atZone(ZoneId.systemDefault()).toInstant();
            }
        }
        return source.creationTime().orElse(null);
    }

    private static String describe(AlertEvent e) {
        return String.format(Locale.ROOT, "%7.1fs  %-30s %-14s %s", e.videoTimeSeconds(), e.behaviour(),
                e.zoneId() == null ? "" : e.zoneId(), e.detail() == null ? "" : e.detail());
    }

    private void report(PrintStream err, FileFrameSource source, AnalysisPipeline p, VideoAnalysis.Result r,
                        Map<String, int[]> counts, Detector detector) {
        var st = source.stats();
        err.printf(Locale.ROOT, "frames: decoded %d, analysed %d (%.1f fps analysis), skipped %d, dropped %d%n",
                st.decoded.get(), p.framesAnalysed(), fps, st.skipped.get(), r.framesDropped());
        err.println("stages (mean per analysed frame): " + p.timings() + "  detector=" + detector.name());
        err.println("tracks: created " + p.tracker().created() + ", live at end " + p.tracker().live());
        if (counts.isEmpty()) {
            err.println("alerts: none");
        }
        counts.forEach((b, n) -> err.printf(Locale.ROOT, "alerts: %-30s %d started, %d ended%n", b, n[0], n[1]));
        p.ruleFailures().forEach((rule, n) -> {
            if (n > 0) {
                err.println("warning: rule " + rule + " failed " + n + " times (see log)");
            }
        });
        if (p.framesWithoutPose() > 0) {
            err.println("warning: " + p.framesWithoutPose() + " frames had no camera pose (telemetry gap or outside"
                    + " the telemetry's time span) and were not analysed");
        }
        if (st.decodeErrors.get() > 0) {
            err.println("warning: " + st.decodeErrors.get() + " decode errors: the video is damaged; damaged frames"
                    + " were skipped or analysed as decoded");
        }
        long announced = source.announcedFrames();
        if (announced > 0 && st.decoded.get() < announced * 0.98) {
            err.println("warning: the video ended early: decoded " + st.decoded.get() + " of " + announced
                    + " announced frames (truncated?)");
        }
        if (r.sourceError() != null) {
            err.println("error: reading stopped: " + r.sourceError());
        }
        if (eventsPath != null) {
            err.println("events: " + eventsPath.toAbsolutePath());
        }
        if (outVideo != null && Files.exists(outVideo)) {
            err.println("annotated video: " + outVideo.toAbsolutePath());
        }
    }

    /** A one-line progress bar on stderr: frames, analysis speed in source frames per second, ETA. */
    private static final class Progress {
        private final PrintStream out;
        private final long total;
        private final boolean enabled;
        private final long startNanos = System.nanoTime();
        private long lastPrint;
        private boolean dirty;

        Progress(PrintStream out, long total, boolean enabled) {
            this.out = out;
            this.total = total;
            this.enabled = enabled;
        }

        void update(long frames, double videoSeconds) {
            long now = System.nanoTime();
            if (!enabled || now - lastPrint < 250_000_000L) {
                return;
            }
            lastPrint = now;
            double secs = (now - startNanos) / 1e9;
            double rate = frames / Math.max(1e-3, secs);
            StringBuilder b = new StringBuilder("\r");
            if (total > 0) {
                int w = 30;
                int done = (int) Math.min(w, w * frames / total);
                b.append('[').append("#".repeat(done)).append(".".repeat(w - done)).append("] ");
                b.append(String.format(Locale.ROOT, "%d/%d frames  %.0f fps  ETA %.0fs  t=%.1fs ", frames, total,
                        rate, Math.max(0, (total - frames) / Math.max(1e-3, rate)), videoSeconds));
            } else {
                b.append(String.format(Locale.ROOT, "%d frames  %.0f fps  t=%.1fs ", frames, rate, videoSeconds));
            }
            out.print(b);
            dirty = true;
        }

        void line(String s) {
            if (dirty) {
                out.print("\r\033[K");
                dirty = false;
            }
            out.println("alert " + s);
        }

        void done() {
            if (dirty) {
                out.println();
            }
        }
    }
}
