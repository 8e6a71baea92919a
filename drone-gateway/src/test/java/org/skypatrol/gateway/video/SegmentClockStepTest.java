package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.store.RecordingStore;
import org.skypatrol.protocols.rtsp.AccessUnit;

/** FAULTS V11: the wall clock steps back and forward during recording; segment times and names stay monotonic. */
class SegmentClockStepTest {

    @TempDir
    Path data;

    /** A clock the test moves by hand. */
    private static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void clockStepsBackThenForward_segmentsNeverOverlapAndNamesSortInTimeOrder() throws Exception {
        StepClock clock = new StepClock();
        try (RecordingStore store = RecordingStore.open(data)) {
            SegmentWriter w = new SegmentWriter("c1", null, data.resolve("rec"), store, Duration.ofSeconds(1), 0, clock);
            byte[] key = {0, 0, 0, 1, 0x65, 1, 2, 3};
            long pts = 0;
            for (int frame = 0; frame < 100; frame++, pts += 3600) { // 25 fps, a keyframe every 25 frames
                if (frame == 30) {
                    clock.now = clock.now.minus(Duration.ofHours(1)); // NTP steps the clock back
                } else if (frame == 60) {
                    clock.now = clock.now.plus(Duration.ofHours(3)); // and then far forward
                } else {
                    clock.now = clock.now.plusMillis(40);
                }
                w.write(new AccessUnit(pts, frame % 25 == 0, key));
            }
            w.close();
            List<RecordingStore.Segment> segs = store.segments("c1");
            assertThat(segs).hasSize(4);
            for (int i = 1; i < segs.size(); i++) {
                assertThat(segs.get(i).start()).isAfterOrEqualTo(segs.get(i - 1).end());
                assertThat(segs.get(i).path().getFileName().toString())
                        .isGreaterThan(segs.get(i - 1).path().getFileName().toString());
            }
            // the step back keeps segments contiguous; the step forward starts a segment at the new time
            assertThat(segs.get(1).start()).isEqualTo(segs.get(0).end());
            assertThat(Duration.between(segs.get(2).end(), segs.get(3).start())).isGreaterThan(Duration.ofHours(1));
        }
    }

    /**
     * A source that reconnects gets a new writer, which starts its first segment at the clock's time: with a
     * clock that stood still (or stepped back onto an old name) it would reuse a name and lose the index row.
     */
    @Test
    void segmentsStartingInTheSameMillisecond_bothIndexed_andRecoverable() throws Exception {
        StepClock clock = new StepClock();
        try (RecordingStore store = RecordingStore.open(data)) {
            Path rec = data.resolve("rec");
            byte[] key = {0, 0, 0, 1, 0x65, 1, 2, 3};
            SegmentWriter first = new SegmentWriter("c1", null, rec, store, Duration.ofSeconds(1), 0, clock);
            assertThat(first.write(new AccessUnit(0, true, key))).isTrue();
            first.close();
            SegmentWriter second = new SegmentWriter("c1", null, rec, store, Duration.ofSeconds(1), 0, clock);
            assertThat(second.write(new AccessUnit(0, true, key))).isTrue();
            second.close();
            SegmentWriter third = new SegmentWriter("c1", null, rec, store, Duration.ofSeconds(1), 0, clock);
            assertThat(third.write(new AccessUnit(0, true, key))).isTrue();   // left open: a crash

            List<RecordingStore.Segment> segs = store.segments("c1");
            assertThat(segs).hasSize(2);
            assertThat(segs.get(1).path()).isNotEqualTo(segs.get(0).path());
            assertThat(segs.get(1).path().getFileName().toString()).endsWith("_1.ts");

            assertThat(RecordingRecovery.recover(rec, store)).isEqualTo(1);   // the open "_2.ts.part"
            assertThat(store.segments("c1")).hasSize(3)
                    .extracting(sg -> sg.path().getFileName().toString()).doesNotHaveDuplicates();
        }
    }
}
