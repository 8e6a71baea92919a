package org.skypatrol.protocols.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class H264DepacketizerTest {

    private static final byte[] SPS = {0x67, 0x64, 0x00, 0x0C};
    private static final byte[] PPS = {0x68, (byte) 0xEB, (byte) 0xE3};
    private static final byte[] IDR = {0x65, (byte) 0x88, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final byte[] P_SLICE = {0x41, (byte) 0x9A, 10, 11};

    private int seq = 1000;

    private RtpPacket rtp(long ts, boolean marker, byte[] payload) {
        return new RtpPacket(marker, 96, seq++ & 0xFFFF, ts, 1234, payload);
    }

    private static byte[] annexB(byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            out.writeBytes(new byte[] {0, 0, 0, 1});
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    private static byte[] stapA(byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x18); // F=0, NRI=0, type 24
        for (byte[] n : nals) {
            out.write(n.length >> 8);
            out.write(n.length);
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    /** Splits a NAL into FU-A packets of at most {@code chunk} payload bytes (RFC 6184 §5.8). */
    private static List<byte[]> fuA(byte[] nal, int chunk) {
        List<byte[]> out = new ArrayList<>();
        int indicator = (nal[0] & 0xE0) | 28;
        for (int i = 1; i < nal.length; i += chunk) {
            int n = Math.min(chunk, nal.length - i);
            byte[] p = new byte[n + 2];
            p[0] = (byte) indicator;
            p[1] = (byte) ((i == 1 ? 0x80 : 0) | (i + n >= nal.length ? 0x40 : 0) | (nal[0] & 0x1F));
            System.arraycopy(nal, i, p, 2, n);
            out.add(p);
        }
        return out;
    }

    @Test
    void singleNal_withMarker_oneAccessUnit() {
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H264, List.of());
        List<AccessUnit> aus = d.push(rtp(5000, true, P_SLICE));
        assertThat(aus).hasSize(1);
        assertThat(aus.get(0).data()).containsExactly(annexB(P_SLICE));
        assertThat(aus.get(0).keyframe()).isFalse();
        assertThat(aus.get(0).pts90k()).isZero();
    }

    @Test
    void stapA_spsPpsIdr_keyframeInOrder() {
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H264, List.of());
        List<AccessUnit> aus = d.push(rtp(0, true, stapA(SPS, PPS, IDR)));
        assertThat(aus).singleElement().satisfies(au -> {
            assertThat(au.keyframe()).isTrue();
            assertThat(au.data()).containsExactly(annexB(SPS, PPS, IDR));
        });
    }

    @Test
    void fuA_reassembledAcrossPackets_andSdpParameterSetsPrepended() {
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H264, List.of(SPS, PPS));
        List<byte[]> parts = fuA(IDR, 3);
        List<AccessUnit> aus = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            aus.addAll(d.push(rtp(90_000, i == parts.size() - 1, parts.get(i))));
        }
        assertThat(aus).singleElement().satisfies(au -> {
            assertThat(au.keyframe()).isTrue();
            assertThat(au.data()).containsExactly(annexB(SPS, PPS, IDR));
        });
    }

    /** x264 with intra-refresh=1: SEI recovery_point (payloadType 6, size 2), recovery_frame_cnt 24. */
    private static final byte[] SEI_RECOVERY = {0x06, 0x06, 0x02, 0x0B, 0x44, (byte) 0x80};
    /** user_data_unregistered (payloadType 5) with a 16-byte UUID: not a random access point. */
    private static final byte[] SEI_USER_DATA = {0x06, 0x05, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            (byte) 0x80};

    @Test
    void intraRefresh_recoveryPointSei_isKeyframe_withSdpParameterSetsPrepended() {
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H264, List.of(SPS, PPS));
        List<AccessUnit> aus = new ArrayList<>(d.push(rtp(0, true, P_SLICE)));          // joined mid-stream
        aus.addAll(d.push(rtp(3600, true, stapA(SEI_USER_DATA, P_SLICE))));
        aus.addAll(d.push(rtp(7200, true, stapA(SEI_RECOVERY, P_SLICE))));
        assertThat(aus).extracting(AccessUnit::keyframe).containsExactly(false, false, true);
        assertThat(aus.get(2).data()).containsExactly(annexB(SPS, PPS, SEI_RECOVERY, P_SLICE));
    }

    @Test
    void recoveryPoint_afterAnotherSeiMessage_orWithEmulationPrevention_found_andMalformedSeiIsNot() {
        // buffering_period (type 0, size 1) then the recovery point
        assertThat(H264Depacketizer.hasRecoveryPoint(new byte[] {0x06, 0x00, 0x01, 0x7F, 0x06, 0x01, 0x44, (byte) 0x80}))
                .isTrue();
        // a user-data payload holding 00 00 03 06: the 03 is an emulation prevention byte, the 06 is data
        assertThat(H264Depacketizer.hasRecoveryPoint(new byte[] {0x06, 0x05, 0x03, 0x00, 0x00, 0x03, 0x06, (byte) 0x80}))
                .isFalse();
        assertThat(H264Depacketizer.hasRecoveryPoint(SEI_USER_DATA)).isFalse();
        assertThat(H264Depacketizer.hasRecoveryPoint(new byte[] {0x06, (byte) 0xFF, (byte) 0xFF})).isFalse();
        assertThat(H264Depacketizer.hasRecoveryPoint(new byte[] {0x06})).isFalse();
    }

    @Test
    void lostFragment_accessUnitDroppedAndCounted_nextOneFine() {
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H264, List.of());
        List<byte[]> parts = fuA(IDR, 3);
        d.push(rtp(0, false, parts.get(0)));
        seq++; // parts.get(1) lost
        List<AccessUnit> aus = new ArrayList<>();
        for (int i = 2; i < parts.size(); i++) {
            aus.addAll(d.push(rtp(0, i == parts.size() - 1, parts.get(i))));
        }
        assertThat(aus).isEmpty();
        assertThat(d.lostPackets()).isEqualTo(1);
        assertThat(d.droppedAccessUnits()).isEqualTo(1);
        assertThat(d.push(rtp(3000, true, P_SLICE))).singleElement()
                .satisfies(au -> assertThat(au.pts90k()).isEqualTo(3000));
    }

    @Test
    void missingMarker_timestampChangeEndsAccessUnit() {
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H264, List.of());
        assertThat(d.push(rtp(0, false, P_SLICE))).isEmpty();
        assertThat(d.push(rtp(3000, false, P_SLICE))).hasSize(1);
    }

    @Test
    void timestampWrap_ptsKeepsIncreasing() {
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H264, List.of());
        long first = 0xFFFF_F000L;
        d.push(rtp(first, true, P_SLICE));
        AccessUnit after = d.push(rtp(0x0000_1000L, true, P_SLICE)).get(0);
        assertThat(after.pts90k()).isEqualTo(0x2000);
    }

    @Test
    void malformedStapA_sizePastEnd_countedAndDropped() {
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H264, List.of());
        byte[] bad = {0x18, 0x00, 0x40, 0x65, 1};
        assertThat(d.push(rtp(0, true, bad))).isEmpty();
        assertThat(d.badPackets()).isEqualTo(1);
        assertThat(d.push(rtp(3000, true, P_SLICE))).hasSize(1);
    }

    @Test
    void fuB_unsupported_counted() {
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H264, List.of());
        assertThat(d.push(rtp(0, true, new byte[] {29, (byte) 0x85, 0, 1, 2}))).isEmpty();
        assertThat(d.badPackets()).isEqualTo(1);
    }

    @Test
    void h265_fragmentationUnit_reassembled() {
        byte[] idr = {0x26, 0x01, 9, 8, 7, 6, 5}; // type 19 IDR_W_RADL
        byte[] vps = {0x40, 0x01, 1};
        byte[] fu1 = {0x62, 0x01, (byte) (0x80 | 19), 9, 8};
        byte[] fu2 = {0x62, 0x01, (byte) (0x40 | 19), 7, 6, 5};
        H264Depacketizer d = new H264Depacketizer(H264Depacketizer.Codec.H265, List.of(vps));
        d.push(rtp(0, false, fu1));
        AccessUnit au = d.push(rtp(0, true, fu2)).get(0);
        assertThat(au.keyframe()).isTrue();
        assertThat(au.data()).containsExactly(annexB(vps, idr));
    }
}
