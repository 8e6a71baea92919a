package org.skypatrol.gateway.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.skypatrol.gateway.config.AnalyticsConfig;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.samples.scenegen.Scenario;
import org.skypatrol.samples.scenegen.ScenarioLibrary;
import org.skypatrol.samples.scenegen.ScenarioRenderer;

/**
 * The demo's fixed camera (issue 5, "./skypatrol demo shows alerts firing"): a synthetic motorway
 * clip from the scenario library ({@code speeding-positive}: a car at 75 km/h where the limit is 50,
 * with traffic), played in a loop at real-time pace as video source {@value #SOURCE_ID} and analysed
 * live against its scene file. End users have no {@code ../shared/data}, so the clip is rendered into
 * {@code <dataDir>/demo/} on the first run (about 15 s) and reused afterwards. The scene file is the
 * one rendered with the clip (always consistent with it); {@code samples/scenes/demo-motorway.yaml}
 * is a committed copy to read.
 */
public final class DemoCamera {

    public static final String SOURCE_ID = "demo-cam";
    public static final String SCENARIO = "speeding-positive";

    private DemoCamera() {
    }

    /** The demo's scenario from the library. */
    public static Scenario scenario() {
        return ScenarioLibrary.only("speeding").stream().filter(s -> s.name().equals(SCENARIO)).findFirst()
                .orElseThrow(() -> new IllegalStateException("scenario " + SCENARIO + " is not in the library"));
    }

    /** The folder of the demo camera's rendered clip under the data folder. */
    public static Path clipDir(Path dataDir) {
        return clipDir(dataDir, SCENARIO);
    }

    static Path clipDir(Path dataDir, String scenario) {
        return dataDir.resolve("demo").resolve(scenario);
    }

    /**
     * Renders {@code s} into {@code <dataDir>/demo/<scenario name>/} unless its video and scene are
     * there already (a drone scenario also needs its telemetry).
     */
    public static Path ensureClip(Path dataDir, Scenario s, PrintStream log) throws IOException {
        Path dir = clipDir(dataDir, s.name());
        if (Files.isRegularFile(dir.resolve("video.mp4")) && Files.isRegularFile(dir.resolve("scene.yaml"))
                && (!s.isDrone() || Files.isRegularFile(dir.resolve("telemetry.jsonl")))) {
            return dir;
        }
        log.println("skypatrol demo: rendering the clip " + s.name() + " into " + dir + " (first run only)...");
        Path tmp = dir.resolveSibling(s.name() + ".tmp");
        ScenarioRenderer.render(s, tmp);
        if (Files.exists(dir)) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
        Files.move(tmp, dir);                         // a half-rendered clip is never picked up
        return dir;
    }

    /** {@code cfg} with the demo camera added as a looping real-time video source with live analytics. */
    public static GatewayConfig withCamera(GatewayConfig cfg, Path clipDir) {
        VideoConfig v = cfg.video();
        List<VideoConfig.Source> sources = new ArrayList<>(v.sources());
        sources.add(new VideoConfig.Source(SOURCE_ID, clipDir.resolve("video.mp4").toString(), true, true, null, 5));
        VideoConfig video = new VideoConfig(v.enabled(), v.rtspServer(), sources, v.recording(), v.evidence(),
                v.httpApi(), v.discoverFromMavlink());
        AnalyticsConfig a = cfg.analytics();
        List<AnalyticsConfig.Source> analysed = new ArrayList<>(a.sources());
        analysed.add(new AnalyticsConfig.Source(SOURCE_ID, clipDir.resolve("scene.yaml").toString(), 5.0,
                AnalyticsConfig.DetectorKind.CLASSICAL, null, true));
        return new GatewayConfig(cfg.gateway(), cfg.mavlink(), cfg.mqtt(), video, new AnalyticsConfig(true, analysed),
                cfg.broadcast(), cfg.metrics());
    }
}
