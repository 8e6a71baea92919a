package org.skypatrol.gateway.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.scene.CameraSpec;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneException;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.gateway.config.AnalyticsConfig;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.samples.drone.HoverFlight;
import org.skypatrol.samples.scenegen.Scenario;
import org.skypatrol.samples.scenegen.ScenarioLibrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo's drone camera, the whole mission in one loop: a simulated MAVLink drone hovering 45 m
 * above an urban street, looking straight down, its video (the scenario {@value #SCENARIO}: a car
 * parks at a no-parking kerb) analysed live with the pose from the drone's own telemetry; the
 * illegal-parking alert makes the default enforcement policy speak through that drone's loudspeaker,
 * which acknowledges. The video is a looping file tied to the drone rather than an RTSP stream (the
 * simulator has no encoder); what the gateway does with it is the same as for a pulled drone stream.
 *
 * <p>The drone hovers where the scenario's camera was (read from the rendered telemetry), with the
 * scenario's field of view, so the projected zones lie on the road in the video.
 */
public final class DemoDrone {

    /** Drone id, video source id and analytics source id (an alert's source names the drone to speak through). */
    public static final String DRONE_ID = "demo-drone";
    public static final String SCENARIO = "illegal_parking-positive-drone";
    /** System id of the hovering drone (the patrol drones count up from 1). */
    public static final int SYSID = 254;

    private DemoDrone() {
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
     * {@code cfg} with the hovering drone named {@value #DRONE_ID} (system id {@value #SYSID} on any
     * endpoint), its clip as a looping real-time video source tied to it, and live analytics of that
     * source with the clip's scene.
     */
    public static GatewayConfig withDrone(GatewayConfig cfg, Path clipDir) {
        MavlinkConfig m = cfg.mavlink();
        Map<String, String> names = new LinkedHashMap<>(m.names());
        names.putIfAbsent(Integer.toString(SYSID), DRONE_ID);
        MavlinkConfig mavlink = new MavlinkConfig(m.endpoints(), names, m.link(), m.streamRates(), m.commands());
        VideoConfig v = cfg.video();
        List<VideoConfig.Source> sources = new ArrayList<>(v.sources());
        sources.add(new VideoConfig.Source(DRONE_ID, clipDir.resolve("video.mp4").toString(), true, true, DRONE_ID, 5));
        VideoConfig video = new VideoConfig(v.enabled(), v.rtspServer(), sources, v.recording(), v.evidence(),
                v.httpApi(), v.discoverFromMavlink());
        AnalyticsConfig a = cfg.analytics();
        List<AnalyticsConfig.Source> analysed = new ArrayList<>(a.sources());
        analysed.add(new AnalyticsConfig.Source(DRONE_ID, clipDir.resolve("scene.yaml").toString(), 5.0,
                AnalyticsConfig.DetectorKind.CLASSICAL, null, true));
        return new GatewayConfig(cfg.gateway(), mavlink, cfg.mqtt(), video, new AnalyticsConfig(true, analysed),
                cfg.broadcast(), cfg.metrics());
    }
}
