package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class MavlinkParserTest {

    private final MavlinkParser parser = new MavlinkParser();

    /** Parses everything in stream mode, collecting frames and skips. */
    private List<Object> parseAll(ByteBuf in, boolean datagram) {
        List<Object> out = new ArrayList<>();
        while (in.isReadable()) {
            ParseResult r = parser.tryParse(in, datagram);
            if (r instanceof ParseResult.Parsed p) {
                out.add(p.frame());
            } else if (r instanceof ParseResult.Skipped s) {
                out.add(s);
            } else {
                break;
            }
        }
        return out;
    }

    @Test
    void tryParse_heartbeatV1HandWritten_decodes() {
        // v1 HEARTBEAT sys 1 comp 1 seq 0, type 2 autopilot 3 base_mode 0x51 custom 4 status 3 version 3;
        // CRC 0x??: computed independently below from the spec's byte layout (len..payload, CRC_EXTRA 50)
        byte[] body = HexFormat.of().parseHex("0900010100" + "04000000" + "02035103" + "03");
        int crc = MavlinkCrc.accumulate(body, 0, body.length, MavlinkCrc.INIT);
        crc = MavlinkCrc.accumulate(50, crc);
        byte[] wire = TestFrames.concat(new byte[] {(byte) 0xFE}, body, new byte[] {(byte) crc, (byte) (crc >> 8)});
        ParseResult r = parser.tryParse(Unpooled.wrappedBuffer(wire));
        assertThat(r).isInstanceOf(ParseResult.Parsed.class);
        MavlinkFrame frame = ((ParseResult.Parsed) r).frame();
        assertThat(frame.version()).isEqualTo(MavlinkVersion.V1);
        assertThat(MavlinkMessages.decode(frame)).isEqualTo(new Heartbeat(2, 3, 0x51, 4, 3, 3));
        assertThat(TestFrames.bytes(frame)).isEqualTo(wire);
    }

    @Test
    void tryParse_partialFrame_needsMoreWithoutConsuming() {
        byte[] wire = TestFrames.bytes(TestFrames.attitude(5));
        ByteBuf in = Unpooled.wrappedBuffer(wire, 0, wire.length - 1);
        assertThat(parser.tryParse(in)).isSameAs(ParseResult.NEED_MORE);
        assertThat(in.readerIndex()).isZero();
    }

    @Test
    void tryParse_partialFrameAtEndOfDatagram_isTruncated() {
        byte[] wire = TestFrames.bytes(TestFrames.attitude(5));
        List<Object> out = parseAll(Unpooled.wrappedBuffer(wire, 0, wire.length - 3), true);
        assertThat(out).isNotEmpty().allSatisfy(o -> assertThat(o).isInstanceOf(ParseResult.Skipped.class));
        assertThat(out.get(0)).isEqualTo(new ParseResult.Skipped(SkipReason.TRUNCATED, 1));
    }

    @Test
    void tryParse_badCrcThenGoodFrame_skipsOneByteAndRecoversTheGoodFrame() {
        byte[] bad = TestFrames.bytes(TestFrames.attitude(1));
        bad[12] ^= 0x01;
        MavlinkFrame good = TestFrames.attitude(2);
        List<Object> out = parseAll(TestFrames.buf(bad, TestFrames.bytes(good)), false);
        assertThat(out.get(0)).isEqualTo(new ParseResult.Skipped(SkipReason.BAD_CRC, 1));
        assertThat(out).contains(good);
        assertThat(out.get(out.size() - 1)).isEqualTo(good);
    }

    @Test
    void tryParse_unknownIncompatFlag_isDropped() {
        MavlinkFrame f = TestFrames.attitude(1);
        MavlinkFrame flagged = new MavlinkFrame(MavlinkVersion.V2, 0x02, 0, 1, 7, 1, f.messageId(), f.payload(),
                MavlinkFrame.checksum(MavlinkVersion.V2, 0x02, 0, 1, 7, 1, f.messageId(), f.payload(), 39), null, true);
        List<Object> out = parseAll(Unpooled.wrappedBuffer(TestFrames.bytes(flagged)), true);
        assertThat(out.get(0)).isEqualTo(new ParseResult.Skipped(SkipReason.UNKNOWN_INCOMPAT_FLAGS, 1));
        assertThat(out).noneMatch(o -> o instanceof MavlinkFrame);
    }

    @Test
    void create_v2TrailingZeros_truncatedAndZeroExtendedOnRead() {
        MavlinkFrame f = MavlinkMessages.toFrame(MavlinkVersion.V2, 0, 1, 1,
                new GlobalPositionInt(100, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(f.payloadLength()).isEqualTo(1);
        ParseResult r = parser.tryParse(Unpooled.wrappedBuffer(TestFrames.bytes(f)));
        MavlinkFrame parsed = ((ParseResult.Parsed) r).frame();
        assertThat(MavlinkMessages.decode(parsed)).isEqualTo(new GlobalPositionInt(100, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void create_allZeroV2Payload_keepsOneByteAsTheSpecAndCLibraryDo() {
        MavlinkFrame f = MavlinkMessages.toFrame(MavlinkVersion.V2, 0, 1, 1, new Heartbeat(0, 0, 0, 0, 0, 0));
        assertThat(f.payloadLength()).isEqualTo(1);
    }

    @Test
    void tryParse_unknownIdAtEndOfDatagram_passesThroughUnverified() {
        // id 0x123456 is in no dialect we know; CRC cannot be checked
        byte[] wire = HexFormat.of().parseHex("fd02000009010156341201020000");
        List<Object> out = parseAll(Unpooled.wrappedBuffer(wire), true);
        assertThat(out).hasSize(1);
        MavlinkFrame f = (MavlinkFrame) out.get(0);
        assertThat(f.verified()).isFalse();
        assertThat(f.messageId()).isEqualTo(0x123456);
        assertThat(TestFrames.bytes(f)).isEqualTo(wire);
    }

    @Test
    void tryParse_unknownIdWithDropPolicy_resyncsByOneByte() {
        MavlinkParser dropping = new MavlinkParser(MessageTable.standard(), MavlinkParser.UnknownIdPolicy.DROP);
        byte[] wire = HexFormat.of().parseHex("fd02000009010156341201020000");
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        assertThat(dropping.tryParse(in, true)).isEqualTo(new ParseResult.Skipped(SkipReason.UNKNOWN_ID, 1));
        assertThat(in.readerIndex()).isEqualTo(1);
    }

    @Test
    void tryParse_badCrcWhoseSecondByteIsMagic_nextFrameStillRecovered() {
        // pymavlink#881: the C parser restarted on a bad frame's second CRC byte when it was STX and
        // lost sync; rescanning from STX+1 must still find the real frame that follows
        MavlinkFrame f = TestFrames.attitude(1);
        byte[] bad = TestFrames.bytes(f);
        bad[bad.length - 2] ^= 0x01;
        bad[bad.length - 1] = (byte) 0xFD;
        MavlinkFrame next = TestFrames.attitude(2);
        List<Object> out = parseAll(TestFrames.buf(bad, TestFrames.bytes(next)), true);
        assertThat(out).contains(next).doesNotContain(f);
        assertThat(out.get(out.size() - 1)).isEqualTo(next);
    }
}
