package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FAULTS.md D2, rows S1-S11: MAVLink 2 signing, verify and sign. */
class MavlinkSigningTest {

    private static final MavlinkSigningKey KEY = MavlinkSigningKey.fromPassphrase("patrol secret");
    private static final InetSocketAddress PEER_A = new InetSocketAddress("127.0.0.1", 40001);
    private static final InetSocketAddress PEER_B = new InetSocketAddress("127.0.0.1", 40002);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("127.0.0.1", 14550);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final MavlinkCounters counters = new MavlinkCounters();
    private final MavlinkSigningPolicy required = new MavlinkSigningPolicy(KEY, true,
            MavlinkSigningPolicy.DEFAULT_UNSIGNED_ALLOWED, clock);

    private long now() {
        return MavlinkSigning.timestampOf(clock.instant());
    }

    private static MavlinkFrame signed(int sysid, int seq, int linkId, long ts) {
        MavlinkFrame f = MavlinkMessages.toFrame(MavlinkVersion.V2, seq, sysid, 1,
                new GlobalPositionInt(seq, 384_600_000, 1_062_300_000, 1_100_000, 50_000, 0, 0, 0, 9000));
        return MavlinkSigning.sign(f, KEY, linkId, ts);
    }

    /** Sends frames as datagrams from {@code peer} through a decoder with the policy; returns what came out. */
    private List<MavlinkFrame> receive(MavlinkSigningPolicy policy, InetSocketAddress peer, MavlinkFrame... frames) {
        EmbeddedChannel ch = new EmbeddedChannel(new MavlinkDatagramDecoder(new MavlinkParser(), counters, policy));
        for (MavlinkFrame f : frames) {
            ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(MavlinkFrameWriter.toBytes(f)), GATEWAY, peer));
        }
        List<MavlinkFrame> out = new java.util.ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(((MavlinkDatagram) o).frame());
        }
        assertThat(ch.finish()).isFalse();
        return out;
    }

    @Test
    void s1_extremeTimestamps_verifyAndEveryFlippedBitFails() {
        for (long ts : new long[] {MavlinkSigning.MAX_TIMESTAMP, 1}) {
            MavlinkFrame f = signed(1, 1, 7, ts);
            assertThat(MavlinkSigning.verify(f, KEY)).isTrue();
            byte[] wire = MavlinkFrameWriter.toBytes(f);
            for (int bit = 8; bit < wire.length * 8; bit++) { // every bit after the magic byte
                byte[] flipped = wire.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                ParseResult r = new MavlinkParser().tryParse(Unpooled.wrappedBuffer(flipped), true);
                boolean accepted = r instanceof ParseResult.Parsed p && p.frame().signed()
                        && MavlinkSigning.verify(p.frame(), KEY)
                        && p.frame().equals(f) == false;
                assertThat(accepted).as("ts %d, bit %d flipped still verifies", ts, bit).isFalse();
            }
        }
    }

    @Test
    void s2_exactReplay_rejectedAsReplay() {
        MavlinkFrame f = signed(1, 1, 0, now());
        assertThat(receive(required, PEER_A, f, f)).containsExactly(f);
        assertThat(counters.get(MavlinkCounter.SIGNATURE_REPLAY)).isEqualTo(1);
    }

    @Test
    void s3_forgedHugeTimestamp_doesNotLockOutValidFramesAfterIt() {
        // pymavlink stored the timestamp before checking the signature: one forgery blocked the stream
        MavlinkFrame valid1 = signed(1, 1, 0, now());
        MavlinkFrame good = signed(1, 2, 0, MavlinkSigning.MAX_TIMESTAMP - 1);
        MavlinkFrame forged = new MavlinkFrame(good.version(), good.incompatFlags(), good.compatFlags(), good.sequence(),
                good.systemId(), good.componentId(), good.messageId(), good.payload(), good.checksum(),
                new MavlinkSignature(0, MavlinkSigning.MAX_TIMESTAMP - 1, good.signature().signature() ^ 1), true);
        MavlinkFrame valid2 = signed(1, 3, 0, now() + 10);
        assertThat(receive(required, PEER_A, valid1, forged, valid2)).containsExactly(valid1, valid2);
        assertThat(counters.get(MavlinkCounter.BAD_SIGNATURE)).isEqualTo(1);
    }

    @Test
    void s4_validFrameReplayedFromAnotherPeer_rejected() {
        MavlinkFrame f1 = signed(1, 1, 3, now());
        MavlinkFrame f2 = signed(1, 2, 3, now() + 1);
        assertThat(receive(required, PEER_A, f1)).containsExactly(f1);
        // the attacker races a captured (not yet delivered) frame of link 3 in through another socket
        assertThat(receive(required, PEER_B, f2)).isEmpty();
        assertThat(counters.get(MavlinkCounter.LINK_PEER_MISMATCH)).isEqualTo(1);
        assertThat(receive(required, PEER_A, f2)).containsExactly(f2);
        // the same frame with its link id rewritten for socket B fails the signature (link id is signed)
        MavlinkFrame f3 = signed(1, 3, 3, now() + 2);
        MavlinkFrame relinked = new MavlinkFrame(f3.version(), f3.incompatFlags(), f3.compatFlags(), f3.sequence(),
                f3.systemId(), f3.componentId(), f3.messageId(), f3.payload(), f3.checksum(),
                new MavlinkSignature(4, f3.signature().timestamp(), f3.signature().signature()), true);
        assertThat(receive(required, PEER_B, relinked)).isEmpty();
        assertThat(counters.get(MavlinkCounter.BAD_SIGNATURE)).isEqualTo(1);
    }

    @Test
    void s5_newStreamMoreThan60sOld_rejected() {
        long old = now() - 61 * MavlinkSigning.UNITS_PER_SECOND;
        long recent = now() - 59 * MavlinkSigning.UNITS_PER_SECOND;
        assertThat(receive(required, PEER_A, signed(1, 1, 0, old))).isEmpty();
        assertThat(counters.get(MavlinkCounter.SIGNATURE_TOO_OLD)).isEqualTo(1);
        assertThat(receive(required, PEER_A, signed(2, 1, 0, recent))).hasSize(1);
    }

    @Test
    void s6_fiveHundredStreams_allAccepted() {
        // the C library's default tracks 16 streams and then drops frames of the others
        int accepted = 0;
        for (int round = 0; round < 3; round++) {
            for (int drone = 0; drone < 500; drone++) {
                int sysid = 1 + drone % 250;
                int linkId = drone / 250;
                InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 20000 + drone);
                accepted += receive(required, peer, signed(sysid, round, linkId, now() + round * 100L + drone)).size();
            }
        }
        assertThat(accepted).isEqualTo(1500);
        assertThat(required.streamCount()).isEqualTo(500);
    }

    @Test
    void s7_m8_unsignedAndV1WhileRequired_rejectedExceptAllowList() {
        MavlinkFrame unsignedV2 = TestFrames.attitude(1);
        MavlinkFrame v1 = TestFrames.heartbeat(MavlinkVersion.V1, 2);
        MavlinkFrame radio = MavlinkMessages.toFrame(MavlinkVersion.V1, 3, 51, 68, new RadioStatus(200, 190, 100, 20, 30, 0, 0));
        assertThat(receive(required, PEER_A, unsignedV2, v1, radio)).containsExactly(radio);
        assertThat(counters.get(MavlinkCounter.UNSIGNED_REJECTED)).isEqualTo(2);
        assertThat(required.unsignedRejectedByMessageId()).containsEntry(Attitude.ID, 1L).containsEntry(Heartbeat.ID, 1L);
    }

    @Test
    void s7_acceptUnsignedEndpoint_acceptsUnsignedButStillChecksSignedOnes() {
        MavlinkSigningPolicy lenient = new MavlinkSigningPolicy(KEY, false, Set.of(), clock);
        MavlinkFrame good = signed(1, 1, 0, now());
        MavlinkFrame other = MavlinkSigning.sign(TestFrames.attitude(2), MavlinkSigningKey.fromPassphrase("wrong"), 0, now() + 5);
        assertThat(receive(lenient, PEER_A, TestFrames.attitude(1), good, other)).containsExactly(TestFrames.attitude(1), good);
        assertThat(counters.get(MavlinkCounter.BAD_SIGNATURE)).isEqualTo(1);
    }

    @Test
    void s8_setupSigningFromNetwork_ignoredEvenWhenValidlySigned() {
        MavlinkFrame setup = MavlinkSigning.sign(MavlinkFrame.create(MavlinkVersion.V2, 0, 1, 1, 256, new byte[42]), KEY, 0, now());
        assertThat(receive(required, PEER_A, setup)).isEmpty();
        assertThat(counters.get(MavlinkCounter.SETUP_SIGNING_IGNORED)).isEqualTo(1);
        assertThat(KEY.toString()).doesNotContain(HexFormat.of().formatHex(sha256("patrol secret"))).contains("redacted");
    }

    @Test
    void s9_restart_firstTimestampAboveEverySentBeforeEvenWithClockBehind(@TempDir Path dir) {
        Path file = dir.resolve("signing-timestamp");
        MavlinkTimestampSource before = new MavlinkTimestampSource(clock, MavlinkTimestampStore.file(file));
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            last = before.next();
            clock.advance(Duration.ofMillis(50)); // 50 s of commands, never reaching the 60 s reserve
        }
        clock.advance(Duration.ofMinutes(-10)); // the restarted host's clock is behind
        MavlinkTimestampSource after = new MavlinkTimestampSource(clock, MavlinkTimestampStore.file(file));
        long first = after.next();
        assertThat(first).isGreaterThan(last);
        // a drone's policy accepts the new stream's frames
        MavlinkSigningPolicy drone = new MavlinkSigningPolicy(KEY, true, Set.of(), clock);
        assertThat(drone.check(signed(255, 1, 0, last), PEER_A)).isNull();
        assertThat(drone.check(signed(255, 2, 0, first), PEER_A)).isNull();
    }

    @Test
    void s10_clockJumpsBackOneHour_timestampsStayMonotonic() {
        MavlinkTimestampSource source = new MavlinkTimestampSource(clock, MavlinkTimestampStore.inMemory());
        long previous = source.next();
        clock.advance(Duration.ofHours(-1));
        for (int i = 0; i < 100; i++) {
            long next = source.next();
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void s11_forwardedUnsignedFrame_isWrittenUnsignedAndUnchanged() {
        // the gateway never signs frames it did not originate (MAVProxy#1683): encoders write frames as they are
        MavlinkFrame forwarded = TestFrames.attitude(7);
        EmbeddedChannel out = new EmbeddedChannel(new MavlinkDatagramEncoder());
        out.writeOutbound(new MavlinkDatagram(forwarded, PEER_A));
        DatagramPacket packet = out.readOutbound();
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(packet.content())).isEqualTo(MavlinkFrameWriter.toBytes(forwarded));
        assertThat(packet.content().getByte(2) & MavlinkFrame.INCOMPAT_SIGNED).isZero();
        packet.release();
        assertThat(out.finish()).isFalse();
        assertThatThrownBy(() -> MavlinkSigning.sign(TestFrames.heartbeat(MavlinkVersion.V1, 1), KEY, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void key_passphraseAndHex_agreeWithNodeMavlinkDerivation() {
        // node-mavlink / Mission Planner: key = SHA-256(passphrase); 64 hex digits are taken as the raw key
        MavlinkSigningKey fromPass = MavlinkSigningKey.parse("patrol secret");
        String hex = HexFormat.of().formatHex(sha256("patrol secret"));
        assertThat(MavlinkSigningKey.parse(hex)).isEqualTo(fromPass);
        assertThat(MavlinkSigningKey.parse("not hex")).isNotEqualTo(fromPass);
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
