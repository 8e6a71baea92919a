package org.skypatrol.samples.scenegen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * The pose track of a drone clip as {@link Telemetry} records (one per frame), the same record the
 * gateway publishes: position from the camera's ground position through {@link SceneFileWriter#ORIGIN},
 * height above ground as relative altitude, the camera's true attitude (hover wobble included) as
 * the gimbal in the earth frame, and the field of view.
 */
public final class TelemetryTrack {

    public static final String DRONE_ID = "drone-sim-1";
    /** Ground level above mean sea level at the origin (metres). */
    static final double GROUND_MSL_METRES = 1110;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TelemetryTrack() {
    }

    public static List<Telemetry> track(Scenario s, Instant videoStart) {
        List<Telemetry> out = new ArrayList<>();
        int n = s.frameCount();
        double dt = 1 / s.fps();
        for (int i = 0; i < n; i++) {
            double t = i * dt;
            PinholeCamera c = s.rig().at(t);
            PinholeCamera next = s.rig().at(t + dt);
            double east = (next.x() - c.x()) / dt;
            double north = (next.y() - c.y()) / dt;
            Pt p = new Pt(c.x(), c.y());
            long nanos = Math.round(t * 1e9);
            out.add(new Telemetry(DRONE_ID, Telemetry.Source.SIMULATED, videoStart.plusNanos(nanos),
                    new Telemetry.Position(SceneFileWriter.ORIGIN.lat(p), SceneFileWriter.ORIGIN.lon(p),
                            GROUND_MSL_METRES + c.heightMetres(), c.heightMetres()),
                    norm360(c.yawDeg()),
                    new Telemetry.Velocity(north, east, 0.0, Math.hypot(north, east), null),
                    new Telemetry.Attitude(0, 0, norm360(c.yawDeg())),
                    new Telemetry.Battery(null, null, 80.0),
                    new Telemetry.Gnss(3, 14, 0.8),
                    "POSHOLD", true,
                    new Telemetry.Gimbal(c.rollDeg(), c.pitchDeg(), norm360(c.yawDeg())),
                    new Telemetry.CameraFov(c.hfovDeg(), c.vfovDeg())));
        }
        return out;
    }

    public static void writeJsonl(Path file, List<Telemetry> track) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (Telemetry t : track) {
                w.write(JSON.writeValueAsString(t));
                w.newLine();
            }
        }
    }

    private static double norm360(double deg) {
        double d = deg % 360;
        return d < 0 ? d + 360 : d;
    }
}
