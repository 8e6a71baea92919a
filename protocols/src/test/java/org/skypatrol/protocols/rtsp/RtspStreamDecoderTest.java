package org.skypatrol.protocols.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class RtspStreamDecoderTest {

    private static final String OPTIONS = "OPTIONS rtsp://h/drones/d1 RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: t\r\n\r\n";
    private static final String ANNOUNCE_HEAD = "ANNOUNCE rtsp://h/drones/d1 RTSP/1.0\r\nCSeq: 2\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\n";

    private final EmbeddedChannel ch = new EmbeddedChannel(new RtspStreamDecoder(RtspLimits.DEFAULT));

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void options_wholeRequest_decodedWithHeaders() {
        ch.writeInbound(buf(OPTIONS));
        RtspRequest r = ch.readInbound();
        assertThat(r.method()).isEqualTo("OPTIONS");
        assertThat(r.uri()).isEqualTo("rtsp://h/drones/d1");
        assertThat(r.cseq()).hasValue(1);
        assertThat(r.headers().get("user-agent")).hasValue("t");
        assertFalse(ch.finish());
    }

    @Test
    void announce_byteByByte_sameAsWhole() {
        String all = ANNOUNCE_HEAD + "v=0\r\n" + OPTIONS;
        for (byte b : all.getBytes(StandardCharsets.ISO_8859_1)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        RtspRequest announce = ch.readInbound();
        assertThat(announce.method()).isEqualTo("ANNOUNCE");
        assertThat(announce.bodyText()).isEqualTo("v=0\r\n");
        RtspRequest options = ch.readInbound();
        assertThat(options.method()).isEqualTo("OPTIONS");
        assertFalse(ch.finish());
    }

    @Test
    void interleaved_frameBetweenRequests_decodedInOrder() {
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(OPTIONS.getBytes(StandardCharsets.ISO_8859_1));
        in.writeBytes(new byte[] {'$', 0, 0, 3, 7, 8, 9});
        in.writeBytes(new byte[] {'$', 1, 0, 0});
        in.writeBytes(OPTIONS.getBytes(StandardCharsets.ISO_8859_1));
        ch.writeInbound(in);
        assertThat((Object) ch.readInbound()).isInstanceOf(RtspRequest.class);
        InterleavedFrame f = ch.readInbound();
        assertThat(f.channel()).isZero();
        assertThat(f.payload()).containsExactly(7, 8, 9);
        InterleavedFrame empty = ch.readInbound();
        assertThat(empty.channel()).isEqualTo(1);
        assertThat(empty.payload()).isEmpty();
        assertThat((Object) ch.readInbound()).isInstanceOf(RtspRequest.class);
        assertThat(in.refCnt()).isZero();
        assertFalse(ch.finish());
    }

    @Test
    void interleaved_maximumLength_waitsForWholeFrameThenDecodes() {
        ByteBuf head = Unpooled.wrappedBuffer(new byte[] {'$', 0, (byte) 0xFF, (byte) 0xFF});
        ch.writeInbound(head);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[65534]));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[1]));
        InterleavedFrame f = ch.readInbound();
        assertThat(f.payload()).hasSize(65535);
        assertFalse(ch.finish());
    }

    @Test
    void headerLine_over2048Bytes_malformed431() {
        ch.writeInbound(buf("OPTIONS rtsp://h RTSP/1.0\r\nX: " + "a".repeat(2100) + "\r\n\r\n"));
        assertMalformed(431);
    }

    @Test
    void requestLine_neverEnding_rejectedBeforeBufferGrowsPastLimit() {
        ch.writeInbound(buf("OPTIONS rtsp://h/" + "a".repeat(2050)));
        assertMalformed(414);
    }

    @Test
    void tooManyHeaders_malformed431() {
        StringBuilder sb = new StringBuilder("OPTIONS rtsp://h RTSP/1.0\r\n");
        for (int i = 0; i < 300; i++) {
            sb.append("X-").append(i).append(": v\r\n");
        }
        ch.writeInbound(buf(sb.append("\r\n").toString()));
        assertMalformed(431);
    }

    @Test
    void contentLength_negative_malformed400() {
        ch.writeInbound(buf("ANNOUNCE rtsp://h RTSP/1.0\r\nContent-Length: -1\r\n\r\n"));
        assertMalformed(400);
    }

    @Test
    void contentLength_twoToThe63_malformed() {
        ch.writeInbound(buf("ANNOUNCE rtsp://h RTSP/1.0\r\nContent-Length: 9223372036854775808\r\n\r\n"));
        RtspInbound.Malformed m = ch.readInbound();
        assertThat(m.status()).isBetween(400, 499);
    }

    @Test
    void body_over128KiB_malformed413() {
        ch.writeInbound(buf("ANNOUNCE rtsp://h RTSP/1.0\r\nContent-Length: 131073\r\n\r\n"));
        assertMalformed(413);
    }

    @Test
    void garbage_binary_malformed400_thenEverythingDiscarded() {
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 0, (byte) 0xff, '\n'}));
        assertMalformed(400);
        ch.writeInbound(buf(OPTIONS));
        assertThat((Object) ch.readInbound()).isNull();
        assertFalse(ch.finish());
    }

    @Test
    void httpRequest_versionNotSupported505() {
        ch.writeInbound(buf("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertMalformed(505);
    }

    @Test
    void headerWithoutColon_malformed400() {
        ch.writeInbound(buf("OPTIONS rtsp://h RTSP/1.0\r\nnot a header\r\n\r\n"));
        assertMalformed(400);
    }

    private void assertMalformed(int status) {
        RtspInbound.Malformed m = ch.readInbound();
        assertThat(m).isNotNull();
        assertThat(m.status()).isEqualTo(status);
    }
}
