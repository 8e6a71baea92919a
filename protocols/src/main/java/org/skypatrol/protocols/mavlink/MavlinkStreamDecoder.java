package org.skypatrol.protocols.mavlink;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * TCP (or serial-like streams): emits each {@link MavlinkFrame} as soon as it is complete; bytes
 * of an incomplete frame wait for more input (at most 280 bytes are ever held). Noise is counted,
 * never thrown. One instance per channel (it keeps the cumulation buffer).
 */
public final class MavlinkStreamDecoder extends ByteToMessageDecoder {

    private final MavlinkInbound inbound;
    private boolean aligned = true;

    /** Standard table, unknown ids passed through, no signature policy. */
    public MavlinkStreamDecoder(MavlinkCounters counters) {
        this(new MavlinkParser(), counters, MavlinkInboundFilter.ACCEPT_ALL);
    }

    /**
     * @param parser   the parser (its table and unknown-id policy)
     * @param counters the endpoint's counters (shared, thread-safe)
     * @param filter   e.g. a {@link MavlinkSigningPolicy}; {@link MavlinkInboundFilter#ACCEPT_ALL} for none
     */
    public MavlinkStreamDecoder(MavlinkParser parser, MavlinkCounters counters, MavlinkInboundFilter filter) {
        this.inbound = new MavlinkInbound(parser, counters, filter);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        Object peer = ctx.channel().remoteAddress();
        while (in.isReadable()) {
            int start = in.readerIndex();
            ParseResult result = inbound.next(in, false, aligned);
            if (result instanceof ParseResult.Skipped) {
                aligned = false;
            } else if (result instanceof ParseResult.Parsed) {
                aligned = true;
            }
            if (result instanceof ParseResult.Parsed parsed) {
                MavlinkCounter rejected = inbound.accept(parsed.frame(), peer);
                if (rejected == null) {
                    out.add(parsed.frame());
                } else if (MavlinkInbound.rescan(rejected)) {
                    in.readerIndex(start + 1);
                    aligned = false;
                }
            } else if (result instanceof ParseResult.Skipped skipped) {
                inbound.skipped(skipped);
            } else {
                return;
            }
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (in.isReadable()) {
            // the connection ended inside a frame
            inbound.skipped(new ParseResult.Skipped(SkipReason.TRUNCATED, in.readableBytes()));
            in.skipBytes(in.readableBytes());
        }
    }
}
