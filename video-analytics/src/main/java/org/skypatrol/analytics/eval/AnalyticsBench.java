package org.skypatrol.analytics.eval;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.skypatrol.analytics.detect.Detector;
import org.skypatrol.analytics.detect.Detectors;
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
 * End-to-end speed of one stream (scripts/bench-analytics.sh): {@code AnalyticsBench MODE VIDEO
 * SCENE [MODEL]} with MODE {@code grab} (JavaCV grab loop alone, every frame converted to BGR),
 * {@code source} (our frame source at 5 fps: every frame decoded, only analysed ones converted) or
 * {@code analyze} (the whole pipeline at 5 fps). Runs the file twice and reports the second run
 * (JIT warm): process CPU seconds, wall seconds, decoded fps, and CPU cores per real-time stream.
 */
public final class AnalyticsBench {

    private AnalyticsBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path video = Path.of(args[1]);
        Scene scene = args.length > 2 ? SceneParser.parse(Path.of(args[2])) : null;
        Path model = args.length > 3 ? Path.of(args[3]) : null;
        String extra = "";
        double[] r = null;
        for (int run = 0; run < 2; run++) {
            long cpu0 = cpu();
            long wall0 = System.nanoTime();
            long frames;
            double duration;
            if (mode.equals("grab")) {
                try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
                    g.start();
                    frames = 0;
                    Frame f;
                    while ((f = g.grabImage()) != null) {
                        frames++;
                    }
                    duration = frames / g.getVideoFrameRate();
                }
            } else if (mode.equals("source")) {
                try (FileFrameSource s = new FileFrameSource(video, 5)) {
                    while (s.next().map(f -> {
                        f.close();
                        return true;
                    }).orElse(false)) {
                        // drain
                    }
                    frames = s.stats().decoded.get();
                    duration = frames / s.sourceFps();
                }
            } else {
                Detector d = Detectors.create(model, scene);
                try (FileFrameSource s = new FileFrameSource(video, 5);
                     AnalysisPipeline p = new AnalysisPipeline(scene, d, PipelineOptions.defaults(), e -> { })) {
                    VideoAnalysis.run(s, p, PoseSource.none(), FrameQueue.Policy.BLOCK, VideoAnalysis.FrameConsumer.ignore());
                    frames = s.stats().decoded.get();
                    duration = frames / s.sourceFps();
                    extra = " stages: " + p.timings()
                            + (d instanceof OnnxDetector o ? String.format(Locale.ROOT,
                            "  onnx %.1f ms/inference (%d runs, %d skipped by motion gating)",
                            o.meanInferenceMillis(), o.inferences(), o.gatedSkips()) : "");
                }
            }
            double cpuS = (cpu() - cpu0) / 1e9;
            double wallS = (System.nanoTime() - wall0) / 1e9;
            r = new double[] {cpuS, wallS, frames / wallS, cpuS / duration, duration};
        }
        System.out.printf(Locale.ROOT, "%-8s %-22s cpu=%.2fs wall=%.2fs decoded=%.0f fps  cores/stream=%.3f (video %.1fs)%s%n",
                mode, video.getFileName(), r[0], r[1], r[2], r[3], r[4], extra);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
