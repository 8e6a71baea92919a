package org.skypatrol.gateway.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.skypatrol.gateway.demo.DemoCamera;
import org.skypatrol.samples.scenegen.Scenario;

/**
 * The test clip: the demo's scenario (a car speeding on a motorway among traffic) rendered by the
 * scene generator, cut to {@link #SECONDS} s (its speeding alert starts near 3 s), once per test JVM
 * under {@code target/} and reused by later runs.
 */
public final class LiveClips {

    public static final double SECONDS = 5;
    public static final int FRAMES = 50;           // 5 s at the scenario's 10 fps
    private static Path dir;

    private LiveClips() {
    }

    /** Folder with {@code video.mp4} and {@code scene.yaml}. */
    public static synchronized Path speeding() {
        if (dir == null) {
            Scenario s = DemoCamera.scenario();
            Scenario cut = new Scenario(s.name(), s.behaviour(), s.polarity(), s.description(), s.seed(), SECONDS,
                    s.fps(), s.layout(), s.rig(), s.look(), s.actors(), s.rules(), s.disabled(), s.truth());
            Path root = Path.of("target", "live-clips").toAbsolutePath();
            try {
                dir = DemoCamera.ensureClip(root, cut, System.err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** Any library scenario cut to {@code seconds}, rendered once under {@code target/live-clips/<name>-<seconds>s}. */
    public static synchronized Path cut(String name, double seconds) {
        Scenario s = org.skypatrol.samples.scenegen.ScenarioLibrary.all().stream().filter(x -> x.name().equals(name))
                .findFirst().orElseThrow();
        Scenario cut = new Scenario(s.name(), s.behaviour(), s.polarity(), s.description(), s.seed(), seconds,
                s.fps(), s.layout(), s.rig(), s.look(), s.actors(), s.rules(), s.disabled(), s.truth());
        Path out = Path.of("target", "live-clips", name + "-" + (int) seconds + "s").toAbsolutePath();
        if (!Files.isRegularFile(out.resolve("video.mp4"))) {
            try {
                org.skypatrol.samples.scenegen.ScenarioRenderer.render(cut, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * The video section for a test: {@code sources}, the RTSP publish server off (no fixed port 8554;
     * these tests pull), recording and evidence as the defaults.
     */
    public static org.skypatrol.gateway.config.VideoConfig video(
            java.util.List<org.skypatrol.gateway.config.VideoConfig.Source> sources) {
        var v = org.skypatrol.gateway.config.VideoConfig.defaults();
        var r = v.rtspServer();
        return new org.skypatrol.gateway.config.VideoConfig(v.enabled(),
                new org.skypatrol.gateway.config.VideoConfig.RtspServer(false, r.bind(), 0, r.readTimeoutSeconds(),
                        r.maxConnections(), r.auth(), r.username(), r.password(), r.realm()),
                sources, v.recording(), v.evidence(), v.httpApi(), false);
    }

    /** Copies the clip into {@code dataDir} where the demo looks for it (so the demo does not render). */
    public static void installForDemo(Path dataDir) throws IOException {
        Path target = DemoCamera.clipDir(dataDir);
        Files.createDirectories(target);
        for (String f : new String[] {"video.mp4", "scene.yaml"}) {
            Files.copy(speeding().resolve(f), target.resolve(f));
        }
    }
}
