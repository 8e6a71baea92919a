package org.skypatrol.protocols.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Stateless encoder of {@link RtspResponse} (RFC 2326 §7). */
@ChannelHandler.Sharable
public final class RtspResponseEncoder extends MessageToByteEncoder<RtspResponse> {

    @Override
    protected void encode(ChannelHandlerContext ctx, RtspResponse msg, ByteBuf out) {
        out.writeBytes(msg.bytes());
    }
}
