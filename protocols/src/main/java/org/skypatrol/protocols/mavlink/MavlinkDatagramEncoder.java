package org.skypatrol.protocols.mavlink;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;

/**
 * Writes a {@link MavlinkDatagram} as one UDP datagram to its {@code peer}. Stateless and
 * {@link Sharable}.
 */
@Sharable
public final class MavlinkDatagramEncoder extends MessageToMessageEncoder<MavlinkDatagram> {

    public MavlinkDatagramEncoder() {
        super(MavlinkDatagram.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MavlinkDatagram datagram, List<Object> out) {
        ByteBuf buf = ctx.alloc().buffer(datagram.frame().wireLength());
        MavlinkFrameWriter.write(datagram.frame(), buf);
        out.add(new DatagramPacket(buf, datagram.peer()));
    }
}
