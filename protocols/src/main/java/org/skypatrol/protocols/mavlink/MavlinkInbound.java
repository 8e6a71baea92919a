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

    /** Parses the next result from {@code in}; returns an accepted frame, or null with {@code in} advanced or need-more. */
    ParseResult next(ByteBuf in, boolean endOfInput) {
        return parser.tryParse(in, endOfInput);
    }

    /** Counts a skip. */
    void skipped(ParseResult.Skipped skipped) {
        counters.skipped(skipped);
    }

    /** Counts and filters a parsed frame: true when it should be passed on. */
    boolean accept(MavlinkFrame frame, Object peer) {
        if (frame.messageId() == SETUP_SIGNING_ID && frame.verified()) {
            counters.increment(MavlinkCounter.SETUP_SIGNING_IGNORED);
            return false;
        }
        MavlinkCounter rejected = filter.check(frame, peer);
        if (rejected != null) {
            counters.increment(rejected);
            return false;
        }
        counters.increment(frame.verified() ? MavlinkCounter.FRAMES_OK : MavlinkCounter.FRAMES_UNVERIFIED);
        return true;
    }
}
