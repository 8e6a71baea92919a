package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skypatrol.testing.SharedData;

/** The four real captures of ../shared/data/mavlink/captures decode with zero CRC errors. */
class MavlinkCaptureTest {

    /** Per-id counts and counters of one capture. */
    record Decoded(Map<Integer, Integer> countsById, MavlinkCounters counters, int frames) {
    }

    static Decoded decode(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(SharedData.file("mavlink/captures/" + name));
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        MavlinkParser parser = new MavlinkParser();
        MavlinkCounters counters = new MavlinkCounters();
        Map<Integer, Integer> counts = new TreeMap<>();
        int[] frames = {0};
        if (MavlinkTlog.looksLikeTlog(in)) {
            MavlinkTlog.read(parser, in, e -> {
                counts.merge(e.frame().messageId(), 1, Integer::sum);
                frames[0]++;
                MavlinkMessages.decode(e.frame());
            }, counters::skipped);
        } else {
            while (in.isReadable()) {
                ParseResult r = parser.tryParse(in, true);
                if (r instanceof ParseResult.Parsed p) {
                    counts.merge(p.frame().messageId(), 1, Integer::sum);
                    frames[0]++;
                    MavlinkMessages.decode(p.frame());
                } else if (r instanceof ParseResult.Skipped s) {
                    counters.skipped(s);
                }
            }
        }
        return new Decoded(counts, counters, frames[0]);
    }

    @ParameterizedTest
    @CsvSource({"vtol.tlog, 23894", "mavlink-v2-3412-packets.bin, 3412", "data.mavlink, 1476", "GH-5.bin, 138"})
    void capture_decodesWithZeroCrcErrors(String name, int expectedFrames) throws IOException {
        Decoded d = decode(name);
        assertThat(d.counters().get(MavlinkCounter.BAD_CRC)).as("bad CRC in %s: %s", name, d.counters()).isZero();
        assertThat(d.frames()).as("%s counters %s ids %s", name, d.counters(), d.countsById()).isEqualTo(expectedFrames);
    }
}
