package org.skypatrol.protocols.mavlink;

import io.netty.buffer.ByteBuf;

/** The input path shared by the datagram and stream decoders: parse, count, filter. */
final class MavlinkInbound {

    /** SETUP_SIGNING (id 256): a key sent over the network is never accepted nor forwarded. */
    static final int SETUP_SIGNING_ID = 256;

    private final MavlinkParser parser;
    private final MavlinkCounters counters;
    private final MavlinkInboundFilter filter;

    MavlinkInbound(MavlinkParser parser, MavlinkCounters counters, MavlinkInboundFilter filter) {
        this.parser = parser;
        this.counters = counters;
        this.filter = filter;
    }

    MavlinkCounters counters() {
        return counters;
    }

    /** Parses the next result from {@code in} (see {@link MavlinkParser#tryParse(ByteBuf, boolean, boolean)}). */
    ParseResult next(ByteBuf in, boolean endOfInput, boolean aligned) {
        return parser.tryParse(in, endOfInput, aligned);
    }

    /** Counts a skip. */
    void skipped(ParseResult.Skipped skipped) {
        counters.skipped(skipped);
    }

    /**
     * Counts and filters a parsed frame.
     *
     * @return {@code null} when the frame should be passed on, else the reason it was dropped
     */
    MavlinkCounter accept(MavlinkFrame frame, Object peer) {
        if (frame.messageId() == SETUP_SIGNING_ID && frame.verified()) {
            counters.increment(MavlinkCounter.SETUP_SIGNING_IGNORED);
            return MavlinkCounter.SETUP_SIGNING_IGNORED;
        }
        MavlinkCounter rejected = filter.check(frame, peer);
        if (rejected != null) {
            counters.increment(rejected);
            return rejected;
        }
        counters.increment(frame.verified() ? MavlinkCounter.FRAMES_OK : MavlinkCounter.FRAMES_UNVERIFIED);
        return null;
    }

    /**
     * Whether the parser should rescan from the rejected frame's magic + 1: after a bad signature,
     * since the 13 signature bytes are not covered by the CRC, a frame whose signature block was
     * cut off would otherwise swallow the start of the next frame.
     */
    static boolean rescan(MavlinkCounter rejected) {
        return rejected == MavlinkCounter.BAD_SIGNATURE;
    }
}
