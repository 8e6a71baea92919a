package org.skypatrol.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.skypatrol.protocols.telemetry.Telemetry;

/** The throttle on a hand-moved clock with a hand-driven timer: every outcome is decided by the test's times. */
class TelemetryThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final List<Telemetry> out = new CopyOnWriteArrayList<>();
    private final List<Long> sentAt = new CopyOnWriteArrayList<>();
    private final MqttMetrics metrics = new MqttMetrics();
    private final ManualTimer timer = new ManualTimer();

    /** Timer tasks run when the test moves the clock past their time. */
    private final class ManualTimer implements TelemetryThrottle.Timer {
        private final List<long[]> due = new ArrayList<>();
        private final List<Runnable> tasks = new ArrayList<>();

        @Override
        public synchronized void schedule(Runnable task, long delayMillis) {
            due.add(new long[] {now.get() + delayMillis});
            tasks.add(task);
        }

        /** Moves the clock to {@code t}, running every task due on the way, in time order. */
        void advanceTo(long t) {
            while (true) {
                Runnable next = null;
                synchronized (this) {
                    int best = -1;
                    for (int i = 0; i < due.size(); i++) {
                        if (due.get(i)[0] <= t && (best < 0 || due.get(i)[0] < due.get(best)[0])) {
                            best = i;
                        }
                    }
                    if (best >= 0) {
                        now.set(Math.max(now.get(), due.remove(best)[0]));
                        next = tasks.remove(best);
                    }
                }
                if (next == null) {
                    break;
                }
                next.run();
            }
            now.set(t);
        }
    }

    private TelemetryThrottle throttle(double hz) {
        return new TelemetryThrottle(hz, clock, timer, t -> {
            out.add(t);
            sentAt.add(now.get());
        }, metrics);
    }

    private Telemetry sample(long at) {
        return Fixtures.telemetry("d1", 31 + at * 1e-9, Instant.ofEpochMilli(at));
    }

    /**
     * A 10 Hz stream into 2 Hz, with the timer live: 2 per second, and every message is the sample that
     * arrived that very millisecond. Regression: the previous throttle's timer, armed by the first sample
     * of a slot, fired after the next leading-edge send and published the sample then waiting, up to 100 ms
     * old, for every second message (the benchmark's p99 of 122 ms).
     */
    @Test
    void offer_tenHzStreamWithLiveTimer_everyMessageSentOnArrival() {
        TelemetryThrottle th = throttle(2.0);
        long start = now.get();
        for (int i = 0; i < 100; i++) { // 10 s at 10 Hz, 3 ms of jitter either way
            long at = start + i * 100L + (i % 3 - 1) * 3;
            timer.advanceTo(at);
            th.offer(sample(at));
        }
        timer.advanceTo(start + 10_000);
        assertThat(out).hasSizeBetween(19, 21);
        for (int i = 0; i < out.size(); i++) {
            assertThat(sentAt.get(i) - out.get(i).time().toEpochMilli()).as("age of message %d", i).isZero();
        }
        assertThat(metrics.get(MqttMetrics.TELEMETRY_COALESCED)).isPositive();
    }

    /** Over a long run the rate stays at the configured one on average, even with slots opening early. */
    @Test
    void offer_longStream_averageRateNotAboveConfigured() {
        TelemetryThrottle th = throttle(2.0);
        long start = now.get();
        for (int i = 0; i < 6000; i++) { // 10 minutes at 10 Hz
            long at = start + i * 100L + (i * 7 % 11) - 5;
            timer.advanceTo(at);
            th.offer(sample(at));
        }
        timer.advanceTo(start + 601_000);
        assertThat(out.size()).isBetween(1195, 1202);
    }

    /**
     * A stream at the topic's own rate whose samples come a few ms early: sent on arrival, not an interval
     * (or half of one) later.
     */
    @Test
    void offer_streamAtTheTopicRateArrivingEarly_sentOnArrival() {
        TelemetryThrottle th = throttle(2.0);
        long start = now.get();
        for (int i = 0; i < 20; i++) {
            long at = start + i * 500L - (i % 2 == 0 ? 0 : 4);
            timer.advanceTo(at);
            th.offer(sample(at));
        }
        assertThat(out).hasSize(20);
        for (int i = 0; i < out.size(); i++) {
            assertThat(sentAt.get(i) - out.get(i).time().toEpochMilli()).isZero();
        }
    }

    /** The last sample before a pause still goes out, by the timer, half an interval after its slot opened. */
    @Test
    void offer_burstThenSilence_lastSampleFlushedByTimer() {
        TelemetryThrottle th = throttle(2.0);
        long start = now.get();
        Telemetry last = null;
        for (int i = 0; i < 4; i++) {
            timer.advanceTo(start + i * 100L);
            last = sample(start + i * 100L);
            th.offer(last);
        }
        assertThat(out).hasSize(1);
        timer.advanceTo(start + 749);
        assertThat(out).hasSize(1);
        timer.advanceTo(start + 750);
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isSameAs(last);
        timer.advanceTo(start + 5000);
        assertThat(out).hasSize(2); // nothing is sent twice
    }

    /** A timer whose slot was taken sends nothing then, but still flushes the newer waiting sample later. */
    @Test
    void offer_slotTakenBeforeTimer_waitingSampleFlushedAtItsOwnSlot() {
        TelemetryThrottle th = throttle(2.0);
        long start = now.get();
        th.offer(sample(start));                      // sent, next slot opens at +500 (+450 early)
        timer.advanceTo(start + 100);
        th.offer(sample(start + 100));                // waits, timer armed for +750
        timer.advanceTo(start + 500);
        th.offer(sample(start + 500));                // takes the slot
        timer.advanceTo(start + 600);
        Telemetry late = sample(start + 600);
        th.offer(late);                               // waits for the slot at +1000
        timer.advanceTo(start + 999);
        assertThat(out).hasSize(2);                   // the +750 timer sent nothing
        timer.advanceTo(start + 1250);
        assertThat(out).hasSize(3);
        assertThat(out.get(2)).isSameAs(late);
        assertThat(sentAt.get(2)).isEqualTo(start + 1250);
    }
}
