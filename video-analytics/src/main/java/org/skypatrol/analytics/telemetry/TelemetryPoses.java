package org.skypatrol.analytics.telemetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.skypatrol.analytics.geo.CameraPose;
import org.skypatrol.analytics.geo.LatLon;
import org.skypatrol.analytics.pipeline.PoseSource;
import org.skypatrol.protocols.telemetry.Telemetry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A drone's camera poses over time, from a MAVLink {@code .tlog} ({@link TlogPoses}) or JSON lines
 * of {@link Telemetry} records, interpolated to each frame's time. Between two samples further apart
 * than {@code maxGapSeconds} (2) there is no pose: the frame is counted and skipped, never analysed
 * with a guessed pose.
 */
public final class TelemetryPoses {

    public static final double DEFAULT_PITCH_DEG = -90;     // no gimbal report: assume a nadir camera
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<PoseSample> samples;
    private final double maxGapSeconds;
    private final String origin;
    private final int skipped;

    TelemetryPoses(List<PoseSample> samples, double maxGapSeconds, String origin, int skipped) {
        this.samples = List.copyOf(samples);
        this.maxGapSeconds = maxGapSeconds;
        this.origin = origin;
        this.skipped = skipped;
    }

    /** Poses from samples read elsewhere (e.g. a .tlog read by the gateway); sorted by time here. */
    public static TelemetryPoses of(List<PoseSample> samples, String origin, int skipped) {
        List<PoseSample> sorted = new ArrayList<>(samples);
        sorted.sort((a, b) -> a.time().compareTo(b.time()));
        return new TelemetryPoses(sorted, 2.0, origin, skipped);
    }

    /** Throws IOException with a clear message when there are too few poses to use. */
    public TelemetryPoses requireUsable(Path file) throws IOException {
        if (samples.size() < 2) {
            throw new IOException("telemetry " + file + " has " + samples.size()
                    + " usable pose samples (need position + altitude above home; at least 2)");
        }
        return this;
    }

    /** Reads JSON lines of {@link Telemetry} records. */
    public static TelemetryPoses fromJsonLines(Path file) throws IOException {
        List<PoseSample> out = new ArrayList<>();
        int bad = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Optional<PoseSample> s = toPose(JSON.readValue(line, Telemetry.class));
                    if (s.isPresent()) {
                        out.add(s.get());
                    } else {
                        bad++;
                    }
                } catch (IOException e) {
                    bad++;
                }
            }
        }
        out.sort((a, b) -> a.time().compareTo(b.time()));
        return new TelemetryPoses(out, 2.0, "JSON lines", bad);
    }

    /** A pose from one telemetry record, when it has a position and a height above home. */
    public static Optional<PoseSample> toPose(Telemetry t) {
        if (t.time() == null || t.position() == null || t.position().altitudeRelativeMetres() == null) {
            return Optional.empty();
        }
        double yaw;
        double pitch = DEFAULT_PITCH_DEG;
        double roll = 0;
        if (t.gimbal() != null) {
            yaw = t.gimbal().yawDeg();
            pitch = t.gimbal().pitchDeg();
            roll = t.gimbal().rollDeg();
        } else if (t.headingDeg() != null) {
            yaw = t.headingDeg();
        } else if (t.attitude() != null) {
            yaw = t.attitude().yawDeg();
        } else {
            yaw = 0;
        }
        double h = t.camera() == null ? Double.NaN : t.camera().horizontalDeg();
        double v = t.camera() == null ? Double.NaN : t.camera().verticalDeg();
        return Optional.of(new PoseSample(t.time(), new CameraPose(
                new LatLon(t.position().latitudeDeg(), t.position().longitudeDeg()),
                t.position().altitudeRelativeMetres(), yaw, pitch, roll, h, v)));
    }

    public Instant firstTime() {
        return samples.get(0).time();
    }

    public Optional<CameraPose> at(Instant t) {
        int lo = 0;
        int hi = samples.size() - 1;
        if (t.isBefore(samples.get(lo).time()) || t.isAfter(samples.get(hi).time())) {
            return Optional.empty();
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (samples.get(mid).time().isAfter(t)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        PoseSample a = samples.get(lo);
        PoseSample b = samples.get(hi);
        double span = (b.time().toEpochMilli() - a.time().toEpochMilli()) / 1000.0;
        if (span > maxGapSeconds) {
            return Optional.empty();
        }
        double f = span <= 0 ? 0 : (t.toEpochMilli() - a.time().toEpochMilli()) / 1000.0 / span;
        return Optional.of(CameraPose.interpolate(a.pose(), b.pose(), Math.max(0, Math.min(1, f))));
    }

    /** Poses by video time, the video's first frame being at {@code videoStart}. */
    public PoseSource relativeTo(Instant videoStart) {
        return sec -> at(videoStart.plusNanos((long) (sec * 1e9)));
    }

    public String summary() {
        return samples.size() + " pose samples from " + origin + ", " + samples.get(0).time() + " .. "
                + samples.get(samples.size() - 1).time() + (skipped > 0 ? ", " + skipped + " records without a usable pose" : "");
    }

    public List<PoseSample> samples() {
        return samples;
    }
}
