package org.skypatrol.protocols.mavlink;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;

/**
 * Reads a telemetry log (.tlog) as QGroundControl and Mission Planner write it: records of an
 * 8-byte big-endian timestamp in µs since the Unix epoch followed by one MAVLink frame.
 */
public final class MavlinkTlog {

    /** One .tlog record. */
    public record Entry(long timestampMicros, MavlinkFrame frame) {
    }

    private MavlinkTlog() {
    }

    /**
     * Whether {@code data} looks like a .tlog: the first bytes are a plausible timestamp (years
     * 2000..2100) followed by a magic byte, as opposed to a raw stream that starts with a frame
     * or junk.
     */
    public static boolean looksLikeTlog(ByteBuf data) {
        int at = data.readerIndex();
        if (data.readableBytes() < 9) {
            return false;
        }
        long micros = data.getLong(at);
        int magic = data.getUnsignedByte(at + 8);
        return micros > 946_684_800_000_000L && micros < 4_102_444_800_000_000L && (magic == 0xFD || magic == 0xFE);
    }

    /** The length of the frame starting at {@code at} as its header says, cut to the bytes available. */
    private static int frameLength(ByteBuf data, int at) {
        int available = data.writerIndex() - at;
        if (available < 3) {
            return available;
        }
        int magic = data.getUnsignedByte(at);
        int length = data.getUnsignedByte(at + 1);
        int total = magic == 0xFD
                ? 12 + length + ((data.getUnsignedByte(at + 2) & MavlinkFrame.INCOMPAT_SIGNED) != 0 ? MavlinkSignature.LENGTH : 0)
                : 8 + length;
        return Math.min(total, available);
    }

    /**
     * Parses every record of {@code data}, handing frames to {@code entries} and every skip to
     * {@code skips}. A record whose frame does not parse is skipped byte by byte until the next
     * position where a timestamp and a valid frame follow.
     */
    public static void read(MavlinkParser parser, ByteBuf data, Consumer<Entry> entries,
            Consumer<ParseResult.Skipped> skips) {
        int junk = 0;
        while (data.readableBytes() > 8) {
            int at = data.readerIndex();
            long micros = data.getLong(at);
            ByteBuf rest = data.slice(at + 8, frameLength(data, at + 8));
            ParseResult result = parser.tryParse(rest, true);
            if (result instanceof ParseResult.Parsed parsed && rest.readerIndex() > 0) {
                if (junk > 0) {
                    skips.accept(new ParseResult.Skipped(SkipReason.JUNK, junk));
                    junk = 0;
                }
                data.skipBytes(8 + rest.readerIndex());
                entries.accept(new Entry(micros, parsed.frame()));
            } else {
                if (result instanceof ParseResult.Skipped skipped && skipped.reason() != SkipReason.JUNK) {
                    skips.accept(skipped);
                }
                data.skipBytes(1);
                junk++;
            }
        }
        junk += data.readableBytes();
        data.skipBytes(data.readableBytes());
        if (junk > 0) {
            skips.accept(new ParseResult.Skipped(SkipReason.JUNK, junk));
        }
    }
}
