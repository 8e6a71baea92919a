package org.skypatrol.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skypatrol.protocols.telemetry.Telemetry;

class TelemetryThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Telemetry> out = new CopyOnWriteArrayList<>();
    private final MqttMetrics metrics = new MqttMetrics();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** A 10 Hz stream into 2 Hz: exactly 2 per second, each sent the moment it arrives (no added latency). */
    @Test
    void offer_tenHzStream_twoHzOutSentOnArrival() {
        // the fallback timer must not fire in this fake-clock test: park the timer thread until the end
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        timer.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TelemetryThrottle th = new TelemetryThrottle(2.0, clock, timer, out::add, metrics);
        for (int i = 0; i < 100; i++) { // 10 s at 10 Hz
            now.set(1_000_000 + i * 100L);
            int before = out.size();
            Telemetry t = Fixtures.telemetry("d1", 31 + i * 1e-5, Instant.ofEpochMilli(now.get()));
            th.offer(t);
            if (out.size() > before) {
                assertThat(out.get(out.size() - 1)).isSameAs(t); // the sample that just arrived, not an older one
            }
        }
        assertThat(out).hasSize(20);
        assertThat(metrics.get(MqttMetrics.TELEMETRY_COALESCED)).isPositive();
        release.countDown();
    }

    /** The last sample before a pause still goes out (by the timer), not held back forever. */
    @Test
    void offer_burstThenSilence_lastSampleFlushed() throws Exception {
        TelemetryThrottle th = new TelemetryThrottle(20.0, InstantSource.system(), timer, out::add, metrics);
        Telemetry last = null;
        for (int i = 0; i < 10; i++) {
            last = Fixtures.telemetry("d1", 31 + i * 1e-5, Instant.now());
            th.offer(last);
        }
        Telemetry expected = last;
        Await.until(java.time.Duration.ofSeconds(2), "flush", () -> out.contains(expected));
        assertThat(out).hasSize(2);
    }
}
