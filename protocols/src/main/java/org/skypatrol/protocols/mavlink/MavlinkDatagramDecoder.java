package org.skypatrol.protocols.mavlink;

import java.util.List;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * UDP: every frame of one datagram becomes a {@link MavlinkDatagram} carrying the sender. The
 * parser state is reset per datagram (a frame cut at the end of a datagram is dropped and counted
 * as truncated, never completed by the next datagram). Noise is counted, never thrown. Stateless,
 * so one instance may serve several channels.
 */
@Sharable
public final class MavlinkDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final MavlinkInbound inbound;

    /** Standard table, unknown ids passed through, no signature policy. */
    public MavlinkDatagramDecoder(MavlinkCounters counters) {
        this(new MavlinkParser(), counters, MavlinkInboundFilter.ACCEPT_ALL);
    }

    /**
     * @param parser   the parser (its table and unknown-id policy)
     * @param counters the endpoint's counters (shared, thread-safe)
     * @param filter   e.g. a {@link MavlinkSigningPolicy}; {@link MavlinkInboundFilter#ACCEPT_ALL} for none
     */
    public MavlinkDatagramDecoder(MavlinkParser parser, MavlinkCounters counters, MavlinkInboundFilter filter) {
        super(DatagramPacket.class);
        this.inbound = new MavlinkInbound(parser, counters, filter);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        var in = packet.content();
        boolean aligned = true; // a datagram starts at a frame boundary
        while (in.isReadable()) {
            int start = in.readerIndex();
            ParseResult result = inbound.next(in, true, aligned);
            aligned = result instanceof ParseResult.Parsed;
            if (result instanceof ParseResult.Parsed parsed) {
                MavlinkCounter rejected = inbound.accept(parsed.frame(), packet.sender());
                if (rejected == null) {
                    out.add(new MavlinkDatagram(parsed.frame(), packet.sender()));
                } else if (MavlinkInbound.rescan(rejected)) {
                    in.readerIndex(start + 1);
                    aligned = false;
                }
            } else if (result instanceof ParseResult.Skipped skipped) {
                inbound.skipped(skipped);
            } else {
                break; // cannot happen with endOfInput; guards against a parser bug looping forever
            }
        }
    }
}
