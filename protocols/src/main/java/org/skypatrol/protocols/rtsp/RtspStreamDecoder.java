package org.skypatrol.protocols.rtsp;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Netty decoder around {@link RtspFrameParser}: emits {@link RtspRequest}, {@link InterleavedFrame}
 * and at most one {@link RtspInbound.Malformed}, after which every further byte is discarded (the
 * session handler answers with the error status and closes the connection).
 */
public final class RtspStreamDecoder extends ByteToMessageDecoder {

    private final RtspFrameParser parser;
    private boolean failed;

    public RtspStreamDecoder(RtspLimits limits) {
        this.parser = new RtspFrameParser(limits);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        RtspInbound msg = parser.tryParse(in);
        if (msg != null) {
            out.add(msg);
            failed = msg instanceof RtspInbound.Malformed;
        }
    }
}
