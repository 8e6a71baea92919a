package org.skypatrol.gateway.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.skypatrol.analytics.evidence.Annotator;
import org.skypatrol.analytics.rules.RuleSet;
import org.skypatrol.analytics.scene.CameraSpec;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneException;
import org.skypatrol.analytics.scene.SceneGeometry;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.analytics.scene.SceneView;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code skypatrol scene}: scene tools: check a scene file and render its zones over a frame. */
@Command(name = "scene", mixinStandardHelpOptions = true,
        description = "Scene tools: check a scene file and render its zones over a frame.",
        subcommands = SceneCommand.Check.class)
final class SceneCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("usage: skypatrol scene check SCENE.yaml [--frame IMAGE] [--out PNG]");
        return 2;
    }

    /** {@code skypatrol scene check}: validate (every problem with its line) and draw the zones. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a scene file (every problem with its line) and render its zones over a frame.")
    static final class Check implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SCENE.yaml")
        Path scenePath;

        @Option(names = "--frame", paramLabel = "IMAGE", description = "a frame of the camera (PNG/JPEG) to draw on")
        Path frame;

        @Option(names = "--out", paramLabel = "PNG", description = "output image (default: SCENE.check.png)")
        Path out;

        @Override
        public Integer call() {
            Scene scene;
            try {
                scene = SceneParser.parse(scenePath);
                RuleSet.build(scenePath.toString(), scene.rules());
            } catch (SceneException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("cannot read " + scenePath + ": " + e.getMessage());
                return 2;
            }
            SceneGeometry geometry = new SceneGeometry(scene);
            System.out.printf(Locale.ROOT, "%s: ok, %s camera %dx%d, %d zones, %d lines%n", scenePath,
                    scene.camera() instanceof CameraSpec.Fixed ? "fixed" : "drone", scene.camera().width(),
                    scene.camera().height(), scene.zones().size(), scene.lines().size());
            if (geometry.needsPose()) {
                System.out.println("drone camera: zones are placed per frame from telemetry; nothing to draw without a pose");
                return 0;
            }
            SceneView view = geometry.view();
            for (ResolvedZone z : view.zones()) {
                System.out.printf(Locale.ROOT, "  zone %-16s %-15s %8.1f m²%s%n", z.id(), z.kind().id(), z.ground().area(),
                        z.directionDeg() == null ? "" : String.format(Locale.ROOT, "  direction %.0f°", z.directionDeg()));
            }
            if (frame == null) {
                return 0;
            }
            Mat img = opencv_imgcodecs.imread(frame.toString());
            if (img == null || img.empty()) {
                System.err.println("cannot read image " + frame);
                return 2;
            }
            if (img.cols() != scene.camera().width() || img.rows() != scene.camera().height()) {
                System.err.printf(Locale.ROOT, "warning: frame is %dx%d, the scene says %dx%d; scaling the frame%n",
                        img.cols(), img.rows(), scene.camera().width(), scene.camera().height());
                opencv_imgproc.resize(img, img, new Size(scene.camera().width(), scene.camera().height()));
            }
            Annotator.draw(img, view, List.of(), null, List.of(), scene.id() + " (scene check)");
            Path target = out != null ? out : Path.of(scenePath.toString().replaceFirst("\\.ya?ml$", "") + ".check.png");
            if (!opencv_imgcodecs.imwrite(target.toString(), img)) {
                System.err.println("cannot write " + target);
                return 1;
            }
            System.out.println("wrote " + target.toAbsolutePath());
            return 0;
        }
    }
}
