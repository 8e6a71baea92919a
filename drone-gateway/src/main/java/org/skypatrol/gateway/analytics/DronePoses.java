package org.skypatrol.gateway.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.skypatrol.analytics.geo.CameraPose;
import org.skypatrol.analytics.telemetry.PoseSample;
import org.skypatrol.analytics.telemetry.TelemetryPoses;
import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * The recent camera poses of one drone, from its {@code TelemetryEvent}s, for the analysis of the
 * video tied to it. Poses are interpolated to the frame's time by the library's {@link TelemetryPoses}
 * (no pose across a telemetry gap: the frame is counted and skipped, never analysed with a guessed
 * pose). A live frame is usually a little newer than the last telemetry sample; within
 * {@link #HOLD} of it the last pose is held, beyond that there is no pose.
 *
 * <p>{@link #add} runs on the publisher's thread (a Netty event loop): it only appends under a lock.
 */
final class DronePoses {

    /** How long the last pose stays valid past its sample (MAVLink position streams run at 2-10 Hz). */
    static final Duration HOLD = Duration.ofMillis(1000);
    /** Samples kept: 30 s at 10 Hz; older ones are never needed by a live frame. */
    private static final int MAX_SAMPLES = 300;

    private final Deque<PoseSample> samples = new ArrayDeque<>();
    private final AtomicLong unusable = new AtomicLong();

    /** Adds one telemetry record; records without position and height above home are counted. */
    void add(Telemetry t) {
        Optional<PoseSample> p = TelemetryPoses.toPose(t);
        if (p.isEmpty()) {
            unusable.incrementAndGet();
            return;
        }
        synchronized (samples) {
            PoseSample last = samples.peekLast();
            if (last != null && !p.get().time().isAfter(last.time())) {
                return;                                 // telemetry must move forward; a repeat adds nothing
            }
            samples.addLast(p.get());
            if (samples.size() > MAX_SAMPLES) {
                samples.removeFirst();
            }
        }
    }

    /** The pose at {@code t}, interpolated; the last pose held for {@link #HOLD}; else empty. */
    Optional<CameraPose> at(Instant t) {
        List<PoseSample> copy;
        synchronized (samples) {
            if (samples.isEmpty()) {
                return Optional.empty();
            }
            PoseSample last = samples.peekLast();
            if (!t.isBefore(last.time())) {
                return Duration.between(last.time(), t).compareTo(HOLD) <= 0 ? Optional.of(last.pose()) : Optional.empty();
            }
            copy = new ArrayList<>(samples);
        }
        return TelemetryPoses.of(copy, "telemetry", 0).at(t);
    }

    /** Telemetry records without a usable pose (no position or no height above home). */
    long unusable() {
        return unusable.get();
    }
}
