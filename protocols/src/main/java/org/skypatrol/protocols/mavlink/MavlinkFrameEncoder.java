package org.skypatrol.protocols.mavlink;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link MavlinkFrame}s to a stream channel (TCP). Stateless and {@link Sharable}. */
@Sharable
public final class MavlinkFrameEncoder extends MessageToByteEncoder<MavlinkFrame> {

    public MavlinkFrameEncoder() {
        super(MavlinkFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MavlinkFrame frame, ByteBuf out) {
        MavlinkFrameWriter.write(frame, out);
    }
}
