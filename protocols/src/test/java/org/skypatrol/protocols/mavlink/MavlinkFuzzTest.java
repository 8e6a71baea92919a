package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the parser through the real Netty handlers: random bytes and mutated valid
 * frames (bit flips, byte changes, insertions, deletions, truncation). Each input must never
 * throw, never leak a buffer, and a valid frame appended after it must always come out.
 */
class MavlinkFuzzTest {

    private static final int CASES = 3000;
    private static final InetSocketAddress DRONE = new InetSocketAddress("127.0.0.1", 14551);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("127.0.0.1", 14550);
    private static final MavlinkFrame SENTINEL = MavlinkMessages.toFrame(MavlinkVersion.V2, 77, 42, 1,
            new GlobalPositionInt(1, 2, 3, 4, 5, 6, 7, 8, 9));

    private final MavlinkSigningPolicy policy = new MavlinkSigningPolicy(MavlinkSigningKey.fromPassphrase("fuzz"), false,
            java.util.Set.of(), java.time.InstantSource.system());

    @Test
    void randomBytes_neverThrowNeverLeakAndAppendedFrameDecodes() {
        Random random = new Random(1);
        for (int i = 0; i < CASES; i++) {
            byte[] junk = new byte[random.nextInt(600)];
            random.nextBytes(junk);
            if (random.nextInt(4) == 0 && junk.length > 0) {
                junk[random.nextInt(junk.length)] = (byte) (random.nextBoolean() ? 0xFD : 0xFE); // more false magic
            }
            check("random case " + i + " " + HexFormat.of().formatHex(junk), junk);
        }
    }

    @Test
    void mutatedValidFrames_neverThrowNeverLeakAndAppendedFrameDecodes() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (JsonNode v : MavlinkGoldenVectorTest.vectors()) {
            seeds.add(HexFormat.of().parseHex(v.get("hex").asText()));
        }
        Random random = new Random(2);
        for (int i = 0; i < CASES; i++) {
            byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
            for (int m = 1 + random.nextInt(4); m > 0; m--) {
                input = mutate(input, random);
            }
            check("mutated case " + i + " " + HexFormat.of().formatHex(input), input);
        }
    }

    private static byte[] mutate(byte[] in, Random random) {
        if (in.length == 0) {
            return new byte[] {(byte) 0xFD};
        }
        int at = random.nextInt(in.length);
        switch (random.nextInt(5)) {
            case 0 -> in[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> in[at] = (byte) random.nextInt(256);
            case 2 -> {
                byte[] out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, at);
                out[at] = (byte) random.nextInt(256);
                System.arraycopy(in, at, out, at + 1, in.length - at);
                return out;
            }
            case 3 -> {
                byte[] out = new byte[in.length - 1];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + 1, out, at, in.length - at - 1);
                return out;
            }
            default -> {
                return Arrays.copyOf(in, at);
            }
        }
        return in;
    }

    private void check(String label, byte[] junk) {
        byte[] sentinel = MavlinkFrameWriter.toBytes(SENTINEL);
        // UDP: junk and the valid frame in one datagram
        EmbeddedChannel udp = new EmbeddedChannel(new MavlinkDatagramDecoder(new MavlinkParser(), new MavlinkCounters(), policy));
        DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(TestFrames.concat(junk, sentinel)), GATEWAY, DRONE);
        udp.writeInbound(packet);
        List<MavlinkFrame> out = new ArrayList<>();
        for (Object o; (o = udp.readInbound()) != null; ) {
            out.add(((MavlinkDatagram) o).frame());
        }
        assertThat(packet.refCnt()).as(label).isZero();
        assertThat(udp.finish()).as(label).isFalse();
        assertThat(out).as(label).isNotEmpty();
        assertThat(out.get(out.size() - 1)).as(label).isEqualTo(SENTINEL);

        // TCP: junk, then the valid frame, then a second valid frame (a stream parser may have to wait
        // for the bytes a false frame claims before it can reject it)
        EmbeddedChannel tcp = new EmbeddedChannel(new MavlinkStreamDecoder(new MavlinkParser(), new MavlinkCounters(), policy));
        ByteBuf first = Unpooled.wrappedBuffer(junk);
        ByteBuf second = Unpooled.wrappedBuffer(TestFrames.concat(sentinel, new byte[300]));
        tcp.writeInbound(first);
        tcp.writeInbound(second);
        List<MavlinkFrame> tcpOut = new ArrayList<>();
        for (Object o; (o = tcp.readInbound()) != null; ) {
            tcpOut.add((MavlinkFrame) o);
        }
        assertThat(tcp.finish()).as(label).isFalse();
        assertThat(first.refCnt()).as(label).isEqualTo(junk.length == 0 ? 1 : 0); // the empty buffer is a never-freed singleton
        assertThat(second.refCnt()).as(label).isZero();
        assertThat(tcpOut).as(label).contains(SENTINEL);
    }
}
