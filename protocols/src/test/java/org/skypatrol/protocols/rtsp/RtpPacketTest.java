package org.skypatrol.protocols.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void roundTrip_headerFieldsAndPayload() {
        RtpPacket p = new RtpPacket(true, 96, 65535, 0xFFFFFFFFL, 0xCAFEBABEL, new byte[] {1, 2, 3});
        RtpPacket back = RtpPacket.parse(p.toBytes());
        assertThat(back.marker()).isTrue();
        assertThat(back.sequence()).isEqualTo(65535);
        assertThat(back.timestamp()).isEqualTo(0xFFFFFFFFL);
        assertThat(back.ssrc()).isEqualTo(0xCAFEBABEL);
        assertThat(back.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void csrcExtensionAndPadding_skipped() {
        byte[] d = {
            (byte) 0xB1, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, // V=2 P=1 X=1 CC=1
            0, 0, 0, 9,                                     // one CSRC
            (byte) 0xBE, (byte) 0xDE, 0, 1, 1, 2, 3, 4,     // extension of one word
            42, 43,                                         // payload
            0, 0, 3                                         // three bytes of padding
        };
        assertThat(RtpPacket.parse(d).payload()).containsExactly(42, 43);
    }

    @Test
    void invalid_versionShortOrPaddingTooLong_null() {
        assertThat(RtpPacket.parse(new byte[11])).isNull();
        assertThat(RtpPacket.parse(new byte[12])).isNull(); // version 0
        byte[] pad = new RtpPacket(false, 96, 1, 1, 1, new byte[0]).toBytes();
        pad[0] |= 0x20;
        pad[11] = 100;
        assertThat(RtpPacket.parse(pad)).isNull();
    }
}
