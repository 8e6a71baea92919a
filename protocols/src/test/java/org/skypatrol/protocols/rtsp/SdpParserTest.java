package org.skypatrol.protocols.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SdpParserTest {

    /** As Debian's ffmpeg 5.1 sends it in ANNOUNCE for an H.264 stream (-f rtsp -c copy). */
    private static final String FFMPEG_SDP = """
            v=0
            o=- 0 0 IN IP4 127.0.0.1
            s=No Name
            c=IN IP4 127.0.0.1
            t=0 0
            a=tool:libavformat 59.27.100
            m=video 0 RTP/AVP 96
            a=rtpmap:96 H264/90000
            a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z2QADKzZQUH7ARAAAAMAEAAAAwMg8UKZYA==,aOvjyyLA; profile-level-id=64000C
            a=control:streamid=0
            """.replace("\n", "\r\n");

    @Test
    void ffmpegAnnounce_h264WithParameterSets() throws Exception {
        Sdp sdp = SdpParser.parse(FFMPEG_SDP);
        Sdp.Media v = sdp.video().orElseThrow();
        assertThat(v.isH264()).isTrue();
        assertThat(v.payloadType()).isEqualTo(96);
        assertThat(v.clockRate()).isEqualTo(90000);
        assertThat(v.control()).isEqualTo("streamid=0");
        List<byte[]> ps = v.h264ParameterSets();
        assertThat(ps).hasSize(2);
        assertThat(ps.get(0)[0] & 0x1F).isEqualTo(7); // SPS
        assertThat(ps.get(1)[0] & 0x1F).isEqualTo(8); // PPS
    }

    @Test
    void h265_spropVpsSpsPps_inOrder() throws Exception {
        Sdp sdp = SdpParser.parse("v=0\nm=video 0 RTP/AVP 97\na=rtpmap:97 H265/90000\n"
                + "a=fmtp:97 sprop-vps=QAE=; sprop-sps=QgE=; sprop-pps=RAE=\n");
        Sdp.Media v = sdp.video().orElseThrow();
        assertThat(v.isH265()).isTrue();
        assertThat(v.h265ParameterSets()).extracting(b -> (b[0] >> 1) & 0x3F).containsExactly(32, 33, 34);
    }

    @Test
    void missingVersion_rejected() {
        assertThatThrownBy(() -> SdpParser.parse("m=video 0 RTP/AVP 96\n")).isInstanceOf(SdpException.class);
    }

    @Test
    void garbageLine_rejectedWithLineNumber() {
        assertThatThrownBy(() -> SdpParser.parse("v=0\nthis is not sdp\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("line 2");
    }

    @Test
    void badMediaLine_rejected() {
        assertThatThrownBy(() -> SdpParser.parse("v=0\nm=video zero RTP/AVP x\n")).isInstanceOf(SdpException.class);
    }

    @Test
    void badBase64_rejectedWhenParameterSetsRead() throws Exception {
        Sdp sdp = SdpParser.parse("v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n"
                + "a=fmtp:96 sprop-parameter-sets=!!!,aOvjyyLA\n");
        assertThatThrownBy(() -> sdp.video().orElseThrow().h264ParameterSets()).isInstanceOf(SdpException.class);
    }
}
