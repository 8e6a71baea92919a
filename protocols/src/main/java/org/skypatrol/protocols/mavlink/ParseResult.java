package org.skypatrol.protocols.mavlink;

/**
 * Outcome of one {@link MavlinkParser#tryParse} call: a frame, a request for more bytes, or
 * bytes skipped for a reason (noise never becomes an exception).
 */
public sealed interface ParseResult {

    /** A complete, checked frame; the reader index moved past it. */
    record Parsed(MavlinkFrame frame) implements ParseResult {
    }

    /** The buffer holds the start of a frame that is not complete yet; nothing was consumed. */
    record NeedMore() implements ParseResult {
    }

    /** {@code bytes} bytes were consumed without producing a frame, for {@code reason}. */
    record Skipped(SkipReason reason, int bytes) implements ParseResult {
    }

    /** The single {@link NeedMore} instance. */
    NeedMore NEED_MORE = new NeedMore();
}
