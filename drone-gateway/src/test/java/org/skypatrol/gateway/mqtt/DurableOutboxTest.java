package org.skypatrol.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableOutboxTest {

    @TempDir
    Path dir;
    private final MqttMetrics metrics = new MqttMetrics();

    private DurableOutbox open(long maxBytes) throws Exception {
        return new DurableOutbox(dir, "gw", maxBytes, 80, 2048, metrics);
    }

    private static byte[] body(String id) {
        return ("{\"messageId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reopen_afterAppendWithoutComplete_everyMessageBackInOrderWithSameIds() throws Exception {
        try (DurableOutbox o = open(1 << 20)) {
            for (int i = 0; i < 100; i++) {
                o.append("t/" + i, DurableOutboxTest::body);
            }
            o.complete(List.of(1L, 2L, 3L));
        }
        try (DurableOutbox o = open(1 << 20)) {
            List<DurableOutbox.Entry> p = o.pending();
            assertThat(p).hasSize(97);
            assertThat(p.get(0).messageId()).isEqualTo("gw-4");
            assertThat(new String(p.get(0).payload(), StandardCharsets.UTF_8)).contains("gw-4");
            assertThat(p.get(96).topic()).isEqualTo("t/99");
            // new ids continue after the old ones: ids stay unique across restarts
            assertThat(o.append("t/x", DurableOutboxTest::body).orElseThrow().messageId()).isEqualTo("gw-101");
        }
    }

    @Test
    void reopen_tornTailFromCrash_cutAndEarlierMessagesKept() throws Exception {
        try (DurableOutbox o = open(1 << 20)) {
            for (int i = 0; i < 5; i++) {
                o.append("t", DurableOutboxTest::body);
            }
        }
        Path seg;
        try (Stream<Path> s = Files.list(dir)) {
            seg = s.filter(p -> p.getFileName().toString().startsWith("seg-")).findFirst().orElseThrow();
        }
        Files.write(seg, new byte[] {0x53, 0x50, 0x4F, 0x42, 0, 0, 0, 90, 1, 2}, StandardOpenOption.APPEND);
        try (DurableOutbox o = open(1 << 20)) {
            assertThat(o.pending()).hasSize(5);
            assertThat(metrics.get(MqttMetrics.OUTBOX_TORN_TAILS)).isEqualTo(1);
            assertThat(o.append("t", DurableOutboxTest::body).orElseThrow().seq()).isEqualTo(6);
        }
        try (DurableOutbox o = open(1 << 20)) {
            assertThat(o.pending()).hasSize(6);
        }
    }

    /** FAULTS.md Q3 scaled down: hundreds of alerts while the broker is away, tiny quota. */
    @Test
    void append_beyondQuota_refusedCountedAndHighWaterAlarmed() throws Exception {
        try (DurableOutbox o = open(16 * 1024)) {
            int stored = 0;
            for (int i = 0; i < 600; i++) {
                if (o.append("skypatrol/v1/alerts/cam-1", DurableOutboxTest::body).isPresent()) {
                    stored++;
                }
            }
            assertThat(stored).isBetween(100, 599);
            assertThat(metrics.get(MqttMetrics.OUTBOX_REFUSED_FULL)).isEqualTo(600 - stored);
            assertThat(metrics.get(MqttMetrics.OUTBOX_HIGH_WATER_ALARMS)).isEqualTo(1);
            assertThat(o.usedBytes()).isLessThanOrEqualTo(16 * 1024);
            assertThat(dirBytes()).isLessThanOrEqualTo(16 * 1024 + 64);
            // draining frees the disk and lifts the alarm
            o.complete(LongStream.rangeClosed(1, stored).boxed().toList());
            assertThat(o.pendingCount()).isZero();
            assertThat(o.aboveHighWater()).isFalse();
            assertThat(o.usedBytes()).isLessThan(4096);
        }
    }

    @Test
    void complete_outOfOrder_cursorOnlyPastContiguousPrefix() throws Exception {
        try (DurableOutbox o = open(1 << 20)) {
            for (int i = 0; i < 5; i++) {
                o.append("t", DurableOutboxTest::body);
            }
            o.complete(List.of(2L, 4L));
        }
        try (DurableOutbox o = open(1 << 20)) {
            // 2 and 4 were complete, but the cursor could only persist up to 0: 1,3,5 pending, 2 and 4 re-sent at worst
            assertThat(o.pending()).extracting(DurableOutbox.Entry::seq).contains(1L, 3L, 5L);
        }
    }

    private long dirBytes() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
