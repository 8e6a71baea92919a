package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;

/** The Netty handlers in an EmbeddedChannel: the codec cases of STYLE.md, with leak checks. */
class MavlinkChannelTest {

    private static final InetSocketAddress DRONE = new InetSocketAddress("127.0.0.1", 14551);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("127.0.0.1", 14550);

    private final MavlinkCounters counters = new MavlinkCounters();

    private List<MavlinkFrame> stream(byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new MavlinkStreamDecoder(counters));
        List<ByteBuf> written = new ArrayList<>();
        for (byte[] chunk : chunks) {
            ByteBuf buf = Unpooled.copiedBuffer(chunk);
            written.add(buf);
            ch.writeInbound(buf);
        }
        List<MavlinkFrame> frames = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            frames.add((MavlinkFrame) o);
        }
        assertThat(ch.finish()).isFalse();
        assertThat(written).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        return frames;
    }

    @Test
    void stream_wholeFrame_decodes() {
        MavlinkFrame f = TestFrames.attitude(3);
        assertThat(stream(TestFrames.bytes(f))).containsExactly(f);
        assertThat(counters.get(MavlinkCounter.FRAMES_OK)).isEqualTo(1);
    }

    @Test
    void stream_byteByByte_decodesSameFrames() {
        byte[] wire = TestFrames.concat(TestFrames.bytes(TestFrames.attitude(1)),
                TestFrames.bytes(TestFrames.heartbeat(MavlinkVersion.V1, 2)));
        byte[][] chunks = new byte[wire.length][];
        for (int i = 0; i < wire.length; i++) {
            chunks[i] = new byte[] {wire[i]};
        }
        assertThat(stream(chunks)).containsExactly(TestFrames.attitude(1), TestFrames.heartbeat(MavlinkVersion.V1, 2));
    }

    @Test
    void stream_twoFramesInOneBuffer_bothDecode() {
        assertThat(stream(TestFrames.concat(TestFrames.bytes(TestFrames.attitude(1)), TestFrames.bytes(TestFrames.attitude(2)))))
                .containsExactly(TestFrames.attitude(1), TestFrames.attitude(2));
    }

    @Test
    void stream_junkBeforeMagic_skippedAndCounted() {
        byte[] junk = {1, 2, 3, 4, 5};
        assertThat(stream(junk, TestFrames.bytes(TestFrames.attitude(1)))).containsExactly(TestFrames.attitude(1));
        assertThat(counters.get(MavlinkCounter.BYTES_SKIPPED)).isEqualTo(5);
    }

    @Test
    void stream_badCrcThenGoodFrame_goodFrameComesOut() {
        byte[] bad = TestFrames.bytes(TestFrames.attitude(1));
        bad[bad.length - 1] ^= 0x40;
        assertThat(stream(bad, TestFrames.bytes(TestFrames.attitude(2)))).containsExactly(TestFrames.attitude(2));
        assertThat(counters.get(MavlinkCounter.BAD_CRC)).isEqualTo(1);
    }

    @Test
    void stream_falseMagicInsideJunk_doesNotSwallowTheNextFrame() {
        // 0xFD with a length of 200 would, if trusted, eat the real frame that follows
        byte[] junk = {0x11, (byte) 0xFD, (byte) 200, 0, 0, 9, 9, 9, 0, 0, 0, 0x22};
        assertThat(stream(junk, TestFrames.bytes(TestFrames.attitude(4)), new byte[300]))
                .containsExactly(TestFrames.attitude(4));
    }

    @Test
    void stream_oversizeLengthWithBadCrc_countedAsBadLengthThenResyncs() {
        // HEARTBEAT is 9 bytes at most; a length of 255 with a wrong checksum is a broken or false frame
        byte[] fake = new byte[10 + 255 + 2];
        fake[0] = (byte) 0xFD;
        fake[1] = (byte) 255;
        assertThat(stream(fake, TestFrames.bytes(TestFrames.attitude(9)))).containsExactly(TestFrames.attitude(9));
        assertThat(counters.get(MavlinkCounter.BAD_LENGTH)).isEqualTo(1);
    }

    @Test
    void datagram_severalFramesPerDatagram_keepSender() {
        EmbeddedChannel ch = new EmbeddedChannel(new MavlinkDatagramDecoder(counters));
        DatagramPacket packet = new DatagramPacket(TestFrames.buf(TestFrames.bytes(TestFrames.attitude(1)),
                TestFrames.bytes(TestFrames.heartbeat(MavlinkVersion.V2, 2))), GATEWAY, DRONE);
        ch.writeInbound(packet);
        MavlinkDatagram first = ch.readInbound();
        MavlinkDatagram second = ch.readInbound();
        assertThat(first).isEqualTo(new MavlinkDatagram(TestFrames.attitude(1), DRONE));
        assertThat(second.frame()).isEqualTo(TestFrames.heartbeat(MavlinkVersion.V2, 2));
        assertThat(packet.refCnt()).isZero();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void datagram_frameCutAtEnd_droppedAndNextDatagramStillParses() {
        // FAULTS M1: no carry-over between datagrams
        EmbeddedChannel ch = new EmbeddedChannel(new MavlinkDatagramDecoder(counters));
        byte[] whole = TestFrames.bytes(TestFrames.attitude(1));
        byte[] head = java.util.Arrays.copyOf(whole, 20);
        byte[] tail = java.util.Arrays.copyOfRange(whole, 20, whole.length);
        ch.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(head), GATEWAY, DRONE));
        ch.writeInbound(new DatagramPacket(TestFrames.buf(tail, TestFrames.bytes(TestFrames.attitude(2))), GATEWAY, DRONE));
        MavlinkDatagram only = ch.readInbound();
        assertThat(only.frame()).isEqualTo(TestFrames.attitude(2));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(counters.get(MavlinkCounter.TRUNCATED)).isPositive();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void encoders_writeFramesByteForByte() {
        EmbeddedChannel tcp = new EmbeddedChannel(new MavlinkFrameEncoder());
        MavlinkFrame f = TestFrames.attitude(8);
        tcp.writeOutbound(f);
        ByteBuf out = tcp.readOutbound();
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        assertThat(bytes).isEqualTo(TestFrames.bytes(f));
        assertThat(tcp.finish()).isFalse();

        EmbeddedChannel udp = new EmbeddedChannel(new MavlinkDatagramEncoder());
        udp.writeOutbound(new MavlinkDatagram(f, DRONE));
        DatagramPacket packet = udp.readOutbound();
        assertThat(packet.recipient()).isEqualTo(DRONE);
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(packet.content())).isEqualTo(TestFrames.bytes(f));
        packet.release();
        assertThat(udp.finish()).isFalse();
    }

    @Test
    void stream_setupSigningFromNetwork_ignoredAndCounted() {
        // FAULTS S8: a key must never be installed from the network
        MavlinkFrame setup = MavlinkFrame.create(MavlinkVersion.V2, 0, 1, 1, 256, new byte[42]);
        assertThat(stream(TestFrames.bytes(setup), TestFrames.bytes(TestFrames.attitude(1))))
                .containsExactly(TestFrames.attitude(1));
        assertThat(counters.get(MavlinkCounter.SETUP_SIGNING_IGNORED)).isEqualTo(1);
    }
}
