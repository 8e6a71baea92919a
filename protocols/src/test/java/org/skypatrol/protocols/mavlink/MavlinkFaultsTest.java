package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;
import org.skypatrol.testing.SharedData;

/** FAULTS.md D1, rows M1-M11 (M8 is in {@link MavlinkSigningTest}). */
class MavlinkFaultsTest {

    private static final InetSocketAddress DRONE = new InetSocketAddress("127.0.0.1", 14551);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("127.0.0.1", 14550);

    private final MavlinkCounters counters = new MavlinkCounters();

    /** Feeds chunks to a stream decoder; returns the frames, asserting nothing leaks. */
    private List<MavlinkFrame> stream(List<byte[]> chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new MavlinkStreamDecoder(counters));
        List<ByteBuf> written = new ArrayList<>();
        List<MavlinkFrame> frames = new ArrayList<>();
        for (byte[] chunk : chunks) {
            ByteBuf buf = Unpooled.wrappedBuffer(chunk);
            written.add(buf);
            ch.writeInbound(buf);
            for (Object o; (o = ch.readInbound()) != null; ) {
                frames.add((MavlinkFrame) o);
            }
        }
        assertThat(ch.finish()).isFalse();
        assertThat(written).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        return frames;
    }

    private List<MavlinkFrame> datagrams(byte[]... packets) {
        EmbeddedChannel ch = new EmbeddedChannel(new MavlinkDatagramDecoder(counters));
        List<MavlinkFrame> frames = new ArrayList<>();
        for (byte[] p : packets) {
            DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(p), GATEWAY, DRONE);
            ch.writeInbound(packet);
            assertThat(packet.refCnt()).isZero();
            for (Object o; (o = ch.readInbound()) != null; ) {
                frames.add(((MavlinkDatagram) o).frame());
            }
        }
        assertThat(ch.finish()).isFalse();
        return frames;
    }

    @Test
    void m1_frameTruncatedAtEndOfDatagram_droppedCountedAndNoCarryOver() {
        byte[] a = TestFrames.bytes(TestFrames.attitude(1));
        byte[] b = TestFrames.bytes(TestFrames.attitude(2));
        // datagram 1 ends inside frame 2; datagram 2 carries the rest of frame 2 and then frame 3
        byte[] d1 = TestFrames.concat(a, Arrays.copyOf(b, 15));
        byte[] d2 = TestFrames.concat(Arrays.copyOfRange(b, 15, b.length), TestFrames.bytes(TestFrames.attitude(3)));
        assertThat(datagrams(d1, d2)).containsExactly(TestFrames.attitude(1), TestFrames.attitude(3));
        assertThat(counters.get(MavlinkCounter.TRUNCATED)).isPositive();
    }

    @Test
    void m2_tcpStreamInOneByteReads_identicalToOneShotParse() throws IOException {
        byte[] capture = Files.readAllBytes(SharedData.file("mavlink/captures/GH-5.bin"));
        List<MavlinkFrame> oneShot = stream(List.of(capture));
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : capture) {
            bytes.add(new byte[] {b});
        }
        assertThat(oneShot).hasSizeGreaterThan(130);
        assertThat(stream(bytes)).isEqualTo(oneShot);
        // and split in two at every offset of the first 600 bytes
        for (int cut = 1; cut < 600; cut++) {
            assertThat(stream(List.of(Arrays.copyOf(capture, cut), Arrays.copyOfRange(capture, cut, capture.length))))
                    .as("cut at %d", cut).isEqualTo(oneShot);
        }
    }

    @Test
    void m3_oneFlippedBitAnywhere_crcFailsAndFollowingFramesRecovered() {
        MavlinkFrame victim = TestFrames.heartbeat(MavlinkVersion.V2, 1);
        byte[] wire = TestFrames.bytes(victim);
        byte[] after = TestFrames.concat(TestFrames.bytes(TestFrames.attitude(2)), TestFrames.bytes(TestFrames.attitude(3)));
        for (int bit = 8; bit < wire.length * 8; bit++) { // bits of the magic byte make it plain junk
            byte[] broken = wire.clone();
            broken[bit / 8] ^= (byte) (1 << (bit % 8));
            MavlinkCounters c = new MavlinkCounters();
            EmbeddedChannel ch = new EmbeddedChannel(new MavlinkDatagramDecoder(c));
            ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(TestFrames.concat(broken, after)), GATEWAY, DRONE));
            List<MavlinkFrame> out = new ArrayList<>();
            for (Object o; (o = ch.readInbound()) != null; ) {
                out.add(((MavlinkDatagram) o).frame());
            }
            assertThat(out).as("bit %d", bit).doesNotContain(victim).endsWith(TestFrames.attitude(2), TestFrames.attitude(3));
            assertThat(c.get(MavlinkCounter.FRAMES_OK) + c.get(MavlinkCounter.FRAMES_UNVERIFIED)).as("bit %d", bit)
                    .isLessThanOrEqualTo(3);
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void m4_tenMegabytesOfNoiseThenCapture_everyCaptureFrameRecovered() throws IOException {
        byte[] capture = Files.readAllBytes(SharedData.file("mavlink/captures/data.mavlink"));
        List<MavlinkFrame> clean = stream(List.of(capture));
        byte[] noise = new byte[10 * 1024 * 1024];
        new Random(20261122).nextBytes(noise);
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < noise.length; at += 65536) {
            chunks.add(Arrays.copyOfRange(noise, at, Math.min(noise.length, at + 65536)));
        }
        chunks.add(capture);
        List<MavlinkFrame> decoded = stream(chunks);
        // every frame of the capture comes out, in order, at the end
        assertThat(decoded.subList(decoded.size() - clean.size(), decoded.size())).isEqualTo(clean);
        assertThat(counters.get(MavlinkCounter.BYTES_SKIPPED)).isGreaterThan(noise.length - 1000L);
    }

    @Test
    void m5_lengthShortLongAndZero_zeroFilledOrCutNeverOutOfBounds() {
        MessageDefinition hb = MessageTable.standard().find(Heartbeat.ID);
        byte[] full = new Heartbeat(2, 3, 81, 0x01020304, 4, 3).encodePayload();
        byte[] longPayload = Arrays.copyOf(full, 255); // len=255 for a 9-byte message
        Arrays.fill(longPayload, 9, 255, (byte) 0x77);
        MavlinkFrame longFrame = rawFrame(0, longPayload, hb.crcExtra());
        MavlinkFrame zeroFrame = rawFrame(0, new byte[0], hb.crcExtra());
        MavlinkFrame shortFrame = rawFrame(0, Arrays.copyOf(full, 5), hb.crcExtra());
        List<MavlinkFrame> out = datagrams(TestFrames.bytes(longFrame), TestFrames.bytes(zeroFrame), TestFrames.bytes(shortFrame));
        assertThat(out).hasSize(3);
        assertThat(MavlinkMessages.decode(out.get(0))).isEqualTo(new Heartbeat(2, 3, 81, 0x01020304, 4, 3));
        assertThat(MavlinkMessages.decode(out.get(1))).isEqualTo(new Heartbeat(0, 0, 0, 0, 0, 0));
        assertThat(MavlinkMessages.decode(out.get(2))).isEqualTo(new Heartbeat(2, 0, 0, 0x01020304, 0, 0));
        // len larger than the bytes left in the datagram: truncated, no exception
        assertThat(datagrams(Arrays.copyOf(TestFrames.bytes(longFrame), 40))).isEmpty();
    }

    @Test
    void m6_unknownMessageId_countedAndForwardedRawNeverDecoded() {
        byte[] unknown = HexFormat.of().parseHex("fd0400000701011234560a0b0c0d0000");
        List<MavlinkFrame> out = datagrams(TestFrames.concat(unknown, TestFrames.bytes(TestFrames.attitude(1))));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).verified()).isFalse();
        assertThat(MavlinkMessages.decode(out.get(0))).isEqualTo(new RawMessage(0x563412, new byte[] {10, 11, 12, 13}));
        assertThat(counters.get(MavlinkCounter.FRAMES_UNVERIFIED)).isEqualTo(1);
        // with the DROP policy it is counted and dropped
        MavlinkCounters dropCounters = new MavlinkCounters();
        EmbeddedChannel ch = new EmbeddedChannel(new MavlinkDatagramDecoder(
                new MavlinkParser(MessageTable.standard(), MavlinkParser.UnknownIdPolicy.DROP), dropCounters, MavlinkInboundFilter.ACCEPT_ALL));
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(unknown), GATEWAY, DRONE));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(dropCounters.get(MavlinkCounter.UNKNOWN_ID_DROPPED)).isEqualTo(1);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void m7_unknownIncompatFlag0x02_discarded() {
        MavlinkFrame f = TestFrames.attitude(1);
        byte[] wire = TestFrames.bytes(new MavlinkFrame(MavlinkVersion.V2, 0x02, 0, 1, 7, 1, f.messageId(), f.payload(),
                MavlinkFrame.checksum(MavlinkVersion.V2, 0x02, 0, 1, 7, 1, f.messageId(), f.payload(), 39), null, true));
        assertThat(datagrams(wire)).isEmpty();
        assertThat(counters.get(MavlinkCounter.UNKNOWN_INCOMPAT_FLAGS)).isEqualTo(1);
    }

    @Test
    void m9_untruncatedV2PayloadWithTrailingZeros_decodesLikeTruncatedForm() {
        GlobalPositionInt position = new GlobalPositionInt(1000, 384_600_000, 1_062_300_000, 0, 0, 0, 0, 0, 0);
        MavlinkFrame truncated = MavlinkMessages.toFrame(MavlinkVersion.V2, 1, 1, 1, position);
        byte[] full = position.encodePayload();
        MavlinkFrame untruncated = rawFrame(GlobalPositionInt.ID, full, MessageTable.standard().find(GlobalPositionInt.ID).crcExtra());
        assertThat(truncated.payloadLength()).isLessThan(full.length);
        List<MavlinkFrame> out = datagrams(TestFrames.bytes(truncated), TestFrames.bytes(untruncated));
        assertThat(MavlinkMessages.decode(out.get(0))).isEqualTo(MavlinkMessages.decode(out.get(1))).isEqualTo(position);
    }

    @Test
    void m10_mavlink2555ZeroLengthFrameAndMalformedBytes_noExceptionNoBogusMessages() {
        // mavlink#2555: FD 00 00 00 00 01 01 83 00 00 00 (len 0, ENCAPSULATED_DATA, one CRC byte short)
        byte[] issue2555 = HexFormat.of().parseHex("fd000000000101830000" + "00");
        assertThat(datagrams(issue2555)).isEmpty();
        // the same header with a correct CRC: accepted and zero-filled (no out-of-bounds zero-fill as in C)
        MavlinkFrame zeroLen = rawFrame(131, new byte[0], MessageTable.standard().find(131).crcExtra());
        List<MavlinkFrame> out = datagrams(TestFrames.bytes(zeroLen));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).payloadByte(254)).isZero();
        // pymavlink #1019 (its exact bytes were not at hand here): header-only and stx-only fragments give 0 messages
        assertThat(datagrams(HexFormat.of().parseHex("fe"), HexFormat.of().parseHex("fd09"),
                HexFormat.of().parseHex("fe0900010100"), HexFormat.of().parseHex("fd090000000101000000"))).isEmpty();
    }

    @Test
    void m11_regressionCorpus_everyInputReturnsWithoutException() throws IOException, URISyntaxException {
        Path dir = Path.of(MavlinkFaultsTest.class.getResource("/mavlink/corpus").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        for (Path file : files) {
            byte[] data = Files.readAllBytes(file);
            byte[] withValid = TestFrames.concat(data, TestFrames.bytes(TestFrames.attitude(5)), new byte[300]);
            assertThatCode(() -> {
                assertThat(datagrams(TestFrames.concat(data, TestFrames.bytes(TestFrames.attitude(5)))))
                        .as(file.getFileName().toString()).endsWith(TestFrames.attitude(5));
                assertThat(stream(List.of(withValid))).as(file.getFileName().toString()).endsWith(TestFrames.attitude(5));
            }).as(file.getFileName().toString()).doesNotThrowAnyException();
        }
    }

    /** A v2 frame with an exact payload (no truncation), for malformed-length cases. */
    private static MavlinkFrame rawFrame(int messageId, byte[] payload, int crcExtra) {
        return new MavlinkFrame(MavlinkVersion.V2, 0, 0, 0, 1, 1, messageId, payload,
                MavlinkFrame.checksum(MavlinkVersion.V2, 0, 0, 0, 1, 1, messageId, payload, crcExtra), null, true);
    }
}
