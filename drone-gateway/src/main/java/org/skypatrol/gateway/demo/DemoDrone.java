package org.skypatrol.gateway.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.skypatrol.analytics.scene.CameraSpec;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneException;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.gateway.config.AnalyticsConfig;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.samples.drone.HoverFlight;
import org.skypatrol.samples.rtsp.RtspFilePublisher;
import org.skypatrol.samples.scenegen.Scenario;
import org.skypatrol.samples.scenegen.ScenarioLibrary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo's drone camera, the whole mission in one loop: a simulated MAVLink drone hovering 45 m
 * above an urban street, looking straight down, publishes its video (the scenario {@value #SCENARIO}:
 * a car parks at a no-parking kerb) to the gateway's RTSP server as a drone's video link does; the
 * gateway records it and analyses it live with the pose from the drone's own telemetry; the
 * illegal-parking alert makes the default enforcement policy speak through that drone's loudspeaker,
 * which acknowledges. With the RTSP server switched off, the clip is read as a looping file tied to
 * the drone instead (same analysis, no publish path).
 *
 * <p>The drone hovers where the scenario's camera was (read from the rendered telemetry), with the
 * scenario's field of view, so the projected zones lie on the road in the video.
 */
public final class DemoDrone {

    private static final Logger log = LoggerFactory.getLogger(DemoDrone.class);

    /** Drone id, video source id and analytics source id (an alert's source names the drone to speak through). */
    public static final String DRONE_ID = "demo-drone";
    public static final String SCENARIO = "illegal_parking-positive-drone";
    /** System id of the hovering drone (the patrol drones count up from 1). */
    public static final int SYSID = 254;

    private DemoDrone() {
    }

    /**
     * The drone's video link: publishes the clip again and again, one RTSP session per play, to the
     * gateway's RTSP server at {@code port} until closed (on a thread of its own; a refused or broken
     * connection is retried after a second, as a drone's encoder reconnects).
     */
    public static AutoCloseable publish(Path clipDir, int port, VideoConfig.RtspServer server) {
        String auth = server.auth() == VideoConfig.AuthMode.NONE ? ""
                : URLEncoder.encode(server.username(), StandardCharsets.UTF_8) + ":"
                        + URLEncoder.encode(server.password(), StandardCharsets.UTF_8) + "@";
        String url = "rtsp://" + auth + "127.0.0.1:" + port + "/drones/" + DRONE_ID;
        AtomicBoolean running = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            while (running.get()) {
                try {
                    // one RTSP session per play: the clip's end is a real break in the video (the parked
                    // car vanishes), and a new session tells the gateway so (its analysis starts afresh)
                    new RtspFilePublisher(clipDir.resolve("video.mp4"), url, false, true).run(running::get);
                } catch (Exception e) {
                    log.warn("demo drone: publishing its video failed ({}); again in 1 s", e.getMessage());
                    LockSupport.parkNanos(1_000_000_000L);
                }
            }
        }, "demo-drone-video");
        t.setDaemon(true);
        t.start();
        return () -> {
            running.set(false);
            t.join(5000);
        };
    }

    /** The demo drone's scenario from the library. */
    public static Scenario scenario() {
        return ScenarioLibrary.all().stream().filter(s -> s.name().equals(SCENARIO)).findFirst()
                .orElseThrow(() -> new IllegalStateException("scenario " + SCENARIO + " is not in the library"));
    }

    /**
     * Where the rendered clip's camera was: the first sample of its telemetry (position, height,
     * heading, gimbal pitch) and the field of view of its scene camera.
     */
    public static HoverFlight hover(Path clipDir) throws IOException {
        JsonNode t;
        try (BufferedReader r = Files.newBufferedReader(clipDir.resolve("telemetry.jsonl"))) {
            String first = r.readLine();
            if (first == null) {
                throw new IOException("empty telemetry in " + clipDir);
            }
            t = new ObjectMapper().readTree(first);
        }
        JsonNode pos = t.path("position");
        double msl = pos.path("altitudeMslMetres").asDouble();
        double height = pos.path("altitudeRelativeMetres").asDouble();
        Scene scene;
        try {
            scene = SceneParser.parse(clipDir.resolve("scene.yaml"));
        } catch (SceneException e) {
            throw new IOException("the demo drone's scene does not parse: " + e.getMessage(), e);
        }
        if (!(scene.camera() instanceof CameraSpec.Drone cam) || cam.horizontalFovDeg() == null
                || cam.verticalFovDeg() == null) {
            throw new IOException(clipDir + ": not a drone camera with its field of view");
        }
        double hfov = cam.horizontalFovDeg();
        double vfov = cam.verticalFovDeg();
        return new HoverFlight(pos.path("latitudeDeg").asDouble(), pos.path("longitudeDeg").asDouble(), msl - height,
                height, t.path("headingDeg").asDouble(), Math.max(-90, t.path("gimbal").path("pitchDeg").asDouble()),
                hfov, vfov);
    }

    /**
     * The rendered scene names the generator's drone ({@code camera.droneId}); a published stream's
     * scene must name the drone publishing it (or none), so the demo analyses a copy naming
     * {@value #DRONE_ID}.
     */
    static Path sceneOfThisDrone(Path clipDir) throws IOException {
        String text = Files.readString(clipDir.resolve("scene.yaml"), StandardCharsets.UTF_8);
        String renamed = text.replaceFirst("(?m)^(\\s*droneId:).*$", "$1 " + DRONE_ID);
        if (renamed.equals(text) && !text.contains("droneId: " + DRONE_ID)) {
            throw new IOException(clipDir.resolve("scene.yaml") + " names no camera.droneId to replace");
        }
        Path out = clipDir.resolve("scene-" + DRONE_ID + ".yaml");
        Files.writeString(out, renamed, StandardCharsets.UTF_8);
        return out;
    }

    /** True when the drone publishes its video to the gateway (the RTSP server runs), else it is a file source. */
    public static boolean publishes(GatewayConfig cfg) {
        return cfg.video().enabled() && cfg.video().rtspServer().enabled();
    }

    /**
     * {@code cfg} with the hovering drone named {@value #DRONE_ID} (system id {@value #SYSID} on any
     * endpoint) and live analytics of its video with the clip's scene: the stream it publishes to
     * {@code /drones/}{@value #DRONE_ID} when {@link #publishes}, else its clip as a looping
     * real-time file source tied to it.
     */
    public static GatewayConfig withDrone(GatewayConfig cfg, Path clipDir) throws IOException {
        Path scene = sceneOfThisDrone(clipDir);
        MavlinkConfig m = cfg.mavlink();
        Map<String, String> names = new LinkedHashMap<>(m.names());
        names.putIfAbsent(Integer.toString(SYSID), DRONE_ID);
        MavlinkConfig mavlink = new MavlinkConfig(m.endpoints(), names, m.link(), m.streamRates(), m.commands());
        boolean published = publishes(cfg);
        VideoConfig v = cfg.video();
        List<VideoConfig.Source> sources = new ArrayList<>(v.sources());
        if (!published) {
            sources.add(new VideoConfig.Source(DRONE_ID, clipDir.resolve("video.mp4").toString(), true, true,
                    DRONE_ID, 5));
        }
        VideoConfig video = new VideoConfig(v.enabled(), v.rtspServer(), sources, v.recording(), v.evidence(),
                v.httpApi(), v.discoverFromMavlink());
        AnalyticsConfig a = cfg.analytics();
        List<AnalyticsConfig.Source> analysed = new ArrayList<>(a.sources());
        analysed.add(new AnalyticsConfig.Source(DRONE_ID, scene.toString(), 5.0,
                AnalyticsConfig.DetectorKind.CLASSICAL, null, true, published));
        return new GatewayConfig(cfg.gateway(), mavlink, cfg.mqtt(), video, new AnalyticsConfig(true, analysed),
                cfg.broadcast(), cfg.metrics());
    }
}
