package org.skypatrol.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.skypatrol.protocols.rtsp.AccessUnit;

/** The published stream's queue: whole GOPs dropped oldest first, the decoder always resumes at a keyframe. */
class GopQueueTest {

    private static final int UNIT_BYTES = 100;

    /** Unit {@code n} of a stream with a keyframe every {@code gop} units; its pts is {@code n}. */
    private static AccessUnit unit(int n, int gop) {
        return new AccessUnit(n, n % gop == 0, new byte[UNIT_BYTES]);
    }

    private static List<GopQueue.Next> drain(GopQueue q) throws InterruptedException {
        List<GopQueue.Next> out = new ArrayList<>();
        GopQueue.Next n;
        while ((n = q.take(0, TimeUnit.MILLISECONDS)) != null) {
            out.add(n);
        }
        return out;
    }

    @Test
    void decoderBehind_wholeGopsDroppedOldestFirst_whatRemainsStartsAtAKeyframe() throws Exception {
        GopQueue q = new GopQueue(3, 1 << 20, () -> 0.0);
        q.begin(false);
        for (int i = 0; i < 50; i++) {                   // 10 GOPs of 5, nobody decoding
            q.unit(unit(i, 5));
        }
        List<GopQueue.Next> left = drain(q);
        // the newest 3 GOPs stay (the last still open): units 35..49
        assertThat(left).extracting(n -> n.unit().pts90k()).containsExactlyElementsOf(
                java.util.stream.LongStream.range(35, 50).boxed().toList());
        assertThat(left.get(0).unit().keyframe()).isTrue();
        assertThat(q.droppedGops()).isEqualTo(7);
        assertThat(q.droppedUnits()).isEqualTo(35);
        assertThat(q.undecodableUnits()).isZero();
    }

    @Test
    void gopBeingDecoded_itsRestIsDroppedWhole_neverASingleUnitInsideAGop() throws Exception {
        GopQueue q = new GopQueue(2, 1 << 20, () -> 0.0);
        q.begin(false);
        for (int i = 0; i < 5; i++) {
            q.unit(unit(i, 5));
        }
        assertThat(q.take(0, TimeUnit.MILLISECONDS).unit().pts90k()).isZero();   // decoder started GOP 0
        for (int i = 5; i < 15; i++) {                   // GOPs 1 and 2 arrive: the rest of GOP 0 goes
            q.unit(unit(i, 5));
        }
        List<Long> pts = drain(q).stream().map(n -> n.unit().pts90k()).toList();
        assertThat(pts).containsExactlyElementsOf(java.util.stream.LongStream.range(5, 15).boxed().toList());
        assertThat(q.droppedGops()).isEqualTo(1);
        assertThat(q.droppedUnits()).isEqualTo(4);
    }

    @Test
    void gopBiggerThanTheByteBound_droppedAndTheQueueWaitsForTheNextKeyframe() throws Exception {
        GopQueue q = new GopQueue(3, 10L * UNIT_BYTES, () -> 0.0);
        q.begin(true);
        for (int i = 0; i < 12; i++) {                   // a 20-unit GOP: over 10 units' bytes at unit 10
            q.unit(unit(i, 20));
        }
        assertThat(q.droppedGops()).isEqualTo(1);
        assertThat(q.droppedUnits()).isEqualTo(11);      // units 0..10 queued, then dropped together
        assertThat(q.undecodableUnits()).isEqualTo(1);   // unit 11: no keyframe to start from
        for (int i = 20; i < 23; i++) {                  // the next keyframe resumes the stream
            q.unit(unit(i, 20));
        }
        List<GopQueue.Next> left = drain(q);
        assertThat(left).extracting(n -> n.unit().pts90k()).containsExactly(20L, 21L, 22L);
        assertThat(left.get(0).stream().h265()).isTrue();
    }

    @Test
    void streamsAndGaps_unitsBeforeAKeyframeCounted_endsKept_newPublisherIsANewStream() throws Exception {
        double[] now = {7.5};
        GopQueue q = new GopQueue(3, 1 << 20, () -> now[0]);
        q.unit(unit(0, 5));                              // before any stream began: undecodable
        q.begin(false);
        now[0] = 7.9;
        q.unit(unit(1, 5));                              // joins mid-GOP: undecodable until a keyframe, but
                                                         // the stream's times count from here
        q.unit(unit(5, 5));
        q.unit(unit(6, 5));
        q.gap();                                         // the feed lost units here
        q.unit(unit(7, 5));                              // undecodable: it depends on what was lost
        q.unit(unit(10, 5));
        q.end("publisher disconnected");
        now[0] = 20;
        q.begin(true);                                   // another publisher takes over
        q.unit(unit(0, 5));
        List<GopQueue.Next> all = drain(q);
        assertThat(all).extracting(n -> n.unit() == null ? -1L : n.unit().pts90k())
                .containsExactly(5L, 6L, 10L, -1L, 0L);
        assertThat(all.get(0).stream().serial()).isEqualTo(1);
        assertThat(all.get(0).stream().startSeconds()).isEqualTo(7.9);  // its first unit's arrival
        assertThat(all.get(0).stream().startPts()).isEqualTo(1L);       // and that unit's time
        assertThat(all.get(3).stream().serial()).isEqualTo(1);          // the end of stream 1
        assertThat(all.get(4).stream()).isEqualTo(new GopQueue.Stream(2, true, 20.0, 0L));
        assertThat(q.undecodableUnits()).isEqualTo(3);
        assertThat(q.droppedGops()).isZero();
        assertThat(q.streams()).isEqualTo(2);
    }

    @Test
    void take_waitsForUnits_andClosingWakesItWithNothing() throws Exception {
        GopQueue q = new GopQueue(3, 1 << 20, () -> 0.0);
        q.begin(false);
        Thread producer = new Thread(() -> q.unit(unit(0, 5)));
        producer.start();
        GopQueue.Next n = q.take(10, TimeUnit.SECONDS);
        assertThat(n.unit().pts90k()).isZero();
        producer.join();
        Thread closer = new Thread(q::close);
        closer.start();
        long waited = System.nanoTime();
        assertThat(q.take(60, TimeUnit.SECONDS)).isNull();
        // woken by the close, not by the timeout
        assertThat(System.nanoTime() - waited).isLessThan(TimeUnit.SECONDS.toNanos(30));
        closer.join();
        q.unit(unit(5, 5));
        assertThat(q.undecodableUnits()).isEqualTo(1);   // refused after close, counted
    }
}
