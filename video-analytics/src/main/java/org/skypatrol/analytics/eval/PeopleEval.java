package org.skypatrol.analytics.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.Detector;
import org.skypatrol.analytics.detect.Detectors;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.detect.OnnxDetector;
import org.skypatrol.analytics.frame.FileFrameSource;
import org.skypatrol.analytics.pipeline.AnalysisPipeline;
import org.skypatrol.analytics.pipeline.FrameQueue;
import org.skypatrol.analytics.pipeline.PipelineOptions;
import org.skypatrol.analytics.pipeline.PoseSource;
import org.skypatrol.analytics.pipeline.VideoAnalysis;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneParser;

/**
 * Measures person detection and tracking against MOTChallenge ground truth (scripts/eval-people.sh):
 * {@code PeopleEval VIDEO GT.txt SCENE.yaml FPS [MODEL.onnx]} prints one line of metrics. Frame 1 of
 * the ground truth is the first decoded frame; only the analysed frames are scored.
 */
public final class PeopleEval {

    private PeopleEval() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: PeopleEval VIDEO GT.txt SCENE.yaml FPS [MODEL.onnx [SCORE]]");
            System.exit(2);
        }
        Path video = Path.of(args[0]);
        Map<Long, List<MotMetrics.Labelled>> truth = readGt(Path.of(args[1]));
        Scene scene = SceneParser.parse(Path.of(args[2]));
        double fps = Double.parseDouble(args[3]);
        Path model = args.length > 4 ? Path.of(args[4]) : null;
        double score = args.length > 5 ? Double.parseDouble(args[5]) : Detectors.DEFAULT_SCORE;
        Detector detector = Detectors.create(model, scene, score);
        MotMetrics m = new MotMetrics();
        long start = System.nanoTime();
        try (FileFrameSource src = new FileFrameSource(video, fps);
             AnalysisPipeline p = new AnalysisPipeline(scene, detector, PipelineOptions.defaults(), e -> { })) {
            VideoAnalysis.run(src, p, PoseSource.none(), FrameQueue.Policy.BLOCK, (r, f) -> {
                List<MotMetrics.Labelled> gt = truth.getOrDefault(r.frame() + 1, List.of());
                List<MotMetrics.Labelled> dets = r.detections().stream().filter(d -> d.cls() == ObjectClass.PERSON)
                        .map(d -> new MotMetrics.Labelled(-1, d.box())).toList();
                List<MotMetrics.Labelled> tracks = r.tracks().stream()
                        .filter(t -> t.cls() == ObjectClass.PERSON && t.missedSeconds() == 0)
                        .map(t -> new MotMetrics.Labelled(t.id(), t.box())).toList();
                m.add(gt, dets, tracks);
            });
            double secs = (System.nanoTime() - start) / 1e9;
            String det = detector instanceof OnnxDetector o
                    ? String.format(Locale.ROOT, "onnx %.1f ms/inference, %d runs, %d gated", o.meanInferenceMillis(),
                    o.inferences(), o.gatedSkips()) : "classical";
            System.out.printf(Locale.ROOT, "%-28s %-9s frames=%d gt=%d  P=%.3f R=%.3f  MOTA=%.3f IDF1=%.3f IDSW=%d"
                            + "  trackP=%.3f trackR=%.3f  detect=%.1fms/frame  wall=%.1fs  (%s)%n",
                    video.getFileName(), model == null ? "classical" : "onnx@" + score, p.framesAnalysed(), m.groundTruth(),
                    m.precision(), m.recall(), m.mota(), m.idf1(), m.idSwitches(), m.trackPrecision(),
                    m.trackRecall(), p.timings().meanMillis(org.skypatrol.analytics.pipeline.StageTimings.Stage.DETECT),
                    secs, det);
        }
    }

    static Map<Long, List<MotMetrics.Labelled>> readGt(Path file) throws java.io.IOException {
        Map<Long, List<MotMetrics.Labelled>> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(",");
            if (f.length < 7 || Double.parseDouble(f[6]) == 0) {
                continue;                               // conf 0 = ignore region
            }
            out.computeIfAbsent(Long.parseLong(f[0].trim()), k -> new ArrayList<>()).add(new MotMetrics.Labelled(
                    Integer.parseInt(f[1].trim()), new Box(Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                            Double.parseDouble(f[4]), Double.parseDouble(f[5]))));
        }
        return out;
    }
}
