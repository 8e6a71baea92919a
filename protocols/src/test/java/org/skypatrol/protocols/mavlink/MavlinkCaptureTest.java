package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skypatrol.testing.SharedData;

/** The four real captures of ../shared/data/mavlink/captures decode with zero CRC errors. */
class MavlinkCaptureTest {

    /** Per-id counts and counters of one capture. */
    record Decoded(Map<Integer, Integer> allById, Map<Integer, Integer> verifiedById, MavlinkCounters counters, int frames) {
    }

    static Decoded decode(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(SharedData.file("mavlink/captures/" + name));
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        MavlinkParser parser = new MavlinkParser();
        MavlinkCounters counters = new MavlinkCounters();
        Map<Integer, Integer> all = new TreeMap<>();
        Map<Integer, Integer> verified = new TreeMap<>();
        java.util.function.Consumer<MavlinkFrame> sink = frame -> {
            all.merge(frame.messageId(), 1, Integer::sum);
            if (frame.verified()) {
                verified.merge(frame.messageId(), 1, Integer::sum);
            }
            MavlinkMessages.decode(frame);
        };
        if (MavlinkTlog.looksLikeTlog(in)) {
            MavlinkTlog.read(parser, in, e -> sink.accept(e.frame()), counters::skipped);
        } else {
            while (in.isReadable()) {
                ParseResult r = parser.tryParse(in, true);
                if (r instanceof ParseResult.Parsed p) {
                    sink.accept(p.frame());
                } else if (r instanceof ParseResult.Skipped s) {
                    counters.skipped(s);
                }
            }
        }
        int frames = all.values().stream().mapToInt(Integer::intValue).sum();
        return new Decoded(all, verified, counters, frames);
    }

    @ParameterizedTest
    @CsvSource({"vtol.tlog", "mavlink-v2-3412-packets.bin", "data.mavlink", "GH-5.bin"})
    void capture_decodesWithZeroCrcErrorsAndNodeMavlinksPerIdCounts(String name) throws IOException {
        Decoded d = decode(name);
        JsonNode node = nodeCounts(name);
        assertThat(d.counters().get(MavlinkCounter.BAD_CRC)).as("bad CRC in %s: %s", name, d.counters()).isZero();
        assertThat(node.get("crcErrors").asInt()).isZero();
        Map<Integer, Integer> expected = new TreeMap<>();
        node.get("counts").fields().forEachRemaining(e -> expected.put(Integer.parseInt(e.getKey()), e.getValue().asInt()));
        java.util.Set<Integer> nodeKnows = new java.util.HashSet<>();
        nodeCountsFile().get("knownIds").forEach(id -> nodeKnows.add(id.asInt()));
        Map<Integer, Integer> oursWhereNodeKnows = new TreeMap<>(d.allById());
        oursWhereNodeKnows.keySet().retainAll(nodeKnows);
        // every id node-mavlink can check: exactly the same number of frames
        assertThat(oursWhereNodeKnows).as("frames per id in %s", name).isEqualTo(expected);
        // ids node-mavlink cannot check (it drops them): ours are either unverified (unknown to us
        // too) or common.xml ids newer than node-mavlink's mappings (e.g. 300 PROTOCOL_VERSION)
        for (int id : d.allById().keySet()) {
            if (!nodeKnows.contains(id)) {
                boolean inCommon = MessageTable.standard().find(id) != null;
                assertThat(d.verifiedById().containsKey(id)).as("id %d verified iff in our table", id).isEqualTo(inCommon);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void v2Capture_idsNodeMavlinkCannotCheck_areVerifiedByOurNewerTable() throws IOException {
        // data/README.md: 3398 valid packets + 14 with ids outside node-mavlink's common+ardupilotmega;
        // they are LINK_NODE_STATUS (8) and CURRENT_EVENT_SEQUENCE (411) of today's common.xml
        Decoded d = decode("mavlink-v2-3412-packets.bin");
        assertThat(d.frames()).isEqualTo(3412);
        assertThat(d.verifiedById()).containsEntry(8, 10).containsEntry(411, 4);
        assertThat(d.verifiedById()).isEqualTo(d.allById());
    }

    private static JsonNode nodeCountsFile() throws IOException {
        try (var in = MavlinkCaptureTest.class.getResourceAsStream("/mavlink/capture-counts.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static JsonNode nodeCounts(String name) throws IOException {
        for (JsonNode capture : nodeCountsFile().get("captures")) {
            if (capture.get("file").asText().equals(name)) {
                return capture;
            }
        }
        throw new AssertionError("no node-mavlink counts for " + name);
    }
}
