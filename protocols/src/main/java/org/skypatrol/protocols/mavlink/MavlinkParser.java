package org.skypatrol.protocols.mavlink;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * The pure MAVLink v1/v2 frame parser shared by the datagram and stream decoders. Stateless and
 * thread-safe: all state is the caller's buffer.
 *
 * <p>Implements https://mavlink.io/en/guide/serialization.html: scan for the magic byte (0xFE v1,
 * 0xFD v2), wait for the whole frame, check the CRC with the message's CRC_EXTRA, drop frames with
 * unknown incompatibility flags; on any failure consume exactly one byte so the scan resumes at
 * magic+1 and every valid frame after noise or a corrupted frame is recovered. A MAVLink 2
 * payload shorter than the definition is kept as received; readers zero-extend it.
 *
 * <p>Message ids missing from the {@link MessageTable} cannot have their CRC checked. With
 * {@link UnknownIdPolicy#PASS_THROUGH} such a frame is returned (marked unverified) only when it
 * ends at a plausible boundary: the end of the datagram, or a magic byte right after it; otherwise
 * (and with {@link UnknownIdPolicy#DROP}) the parser resyncs by one byte.
 */
public final class MavlinkParser {

    /** What to do with a structurally complete frame whose message id is not in the table. */
    public enum UnknownIdPolicy {
        /** Return it as an unverified frame (routers forward such frames). */
        PASS_THROUGH,
        /** Treat it as noise: skip one byte and resync. */
        DROP
    }

    private static final int MAGIC_V1 = 0xFE;
    private static final int MAGIC_V2 = 0xFD;
    private static final ByteProcessor NOT_MAGIC = b -> b != (byte) MAGIC_V2 && b != (byte) MAGIC_V1;
    private static final ParseResult.Skipped SKIP_CRC = new ParseResult.Skipped(SkipReason.BAD_CRC, 1);
    private static final ParseResult.Skipped SKIP_LENGTH = new ParseResult.Skipped(SkipReason.BAD_LENGTH, 1);
    private static final ParseResult.Skipped SKIP_FLAGS = new ParseResult.Skipped(SkipReason.UNKNOWN_INCOMPAT_FLAGS, 1);
    private static final ParseResult.Skipped SKIP_UNKNOWN = new ParseResult.Skipped(SkipReason.UNKNOWN_ID, 1);
    private static final ParseResult.Skipped SKIP_TRUNCATED = new ParseResult.Skipped(SkipReason.TRUNCATED, 1);

    private final MessageTable table;
    private final UnknownIdPolicy unknownIdPolicy;

    /** A parser over the standard table that passes unknown ids through. */
    public MavlinkParser() {
        this(MessageTable.standard(), UnknownIdPolicy.PASS_THROUGH);
    }

    public MavlinkParser(MessageTable table, UnknownIdPolicy unknownIdPolicy) {
        this.table = table;
        this.unknownIdPolicy = unknownIdPolicy;
    }

    /** The table this parser checks CRCs with. */
    public MessageTable table() {
        return table;
    }

    /**
     * Stream mode ({@code endOfInput = false}): see {@link #tryParse(ByteBuf, boolean)}.
     */
    public ParseResult tryParse(ByteBuf in) {
        return tryParse(in, false);
    }

    /**
     * Parses at most one frame from {@code in} starting at its reader index.
     *
     * @param in         the bytes received so far; on {@link ParseResult.Parsed} and
     *                   {@link ParseResult.Skipped} its reader index advances past what was consumed,
     *                   on {@link ParseResult.NeedMore} it is unchanged
     * @param endOfInput true when no more bytes will follow (a datagram): an incomplete frame is
     *                   then {@link SkipReason#TRUNCATED} (one byte skipped) instead of need-more
     * @return a frame, need-more, or skipped bytes with the reason; never throws on any input
     */
    public ParseResult tryParse(ByteBuf in, boolean endOfInput) {
        return tryParse(in, endOfInput, true);
    }

    /**
     * As {@link #tryParse(ByteBuf, boolean)}, telling the parser whether the reader index is at a
     * frame boundary ({@code aligned}: start of input, or right after the previous frame); only
     * then may a frame of an unknown message id pass through. The decoders track this.
     */
    public ParseResult tryParse(ByteBuf in, boolean endOfInput, boolean aligned) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable == 0) {
            return ParseResult.NEED_MORE;
        }
        int magicAt = in.forEachByte(start, readable, NOT_MAGIC);
        if (magicAt < 0 || magicAt > start) {
            int junk = magicAt < 0 ? readable : magicAt - start;
            in.skipBytes(junk);
            return new ParseResult.Skipped(SkipReason.JUNK, junk);
        }
        boolean v2 = in.getUnsignedByte(start) == MAGIC_V2;
        int headerLength = v2 ? 10 : 6;
        if (readable < 3) {
            return incomplete(in, endOfInput);
        }
        int length = in.getUnsignedByte(start + 1);
        int incompat = v2 ? in.getUnsignedByte(start + 2) : 0;
        if ((incompat & ~MavlinkFrame.INCOMPAT_SIGNED) != 0) {
            return skip(in, SKIP_FLAGS);
        }
        int total = headerLength + length + 2 + ((incompat & MavlinkFrame.INCOMPAT_SIGNED) != 0 ? MavlinkSignature.LENGTH : 0);
        if (readable < total) {
            return incomplete(in, endOfInput);
        }
        int messageId = v2
                ? in.getUnsignedMediumLE(start + 7)
                : in.getUnsignedByte(start + 5);
        MessageDefinition definition = table.find(messageId);
        if (definition == null) {
            return unknownId(in, start, readable, total, endOfInput, v2, length, incompat, messageId, aligned);
        }
        // CRC over length..payload straight from the backing array when there is one (no per-byte
        // bounds checks), else from one bulk copy of the frame
        byte[] bytes;
        int base;
        if (in.hasArray()) {
            bytes = in.array();
            base = in.arrayOffset() + start;
        } else {
            bytes = new byte[headerLength + length + 2];
            in.getBytes(start, bytes);
            base = 0;
        }
        int crc = MavlinkCrc.accumulate(bytes, base + 1, headerLength - 1 + length, MavlinkCrc.INIT);
        crc = MavlinkCrc.accumulate(definition.crcExtra(), crc);
        int crcAt = base + headerLength + length;
        int received = (bytes[crcAt] & 0xFF) | (bytes[crcAt + 1] & 0xFF) << 8;
        if (crc != received) {
            boolean impossible = v2 ? length > definition.maxLength() : length != definition.minLength();
            return skip(in, impossible ? SKIP_LENGTH : SKIP_CRC);
        }
        MavlinkSignature signature = (incompat & MavlinkFrame.INCOMPAT_SIGNED) != 0
                ? readSignature(in, start + headerLength + length + 2) : null;
        int seqAt = base + (v2 ? 4 : 2);
        MavlinkFrame frame = new MavlinkFrame(v2 ? MavlinkVersion.V2 : MavlinkVersion.V1, incompat,
                v2 ? bytes[base + 3] & 0xFF : 0, bytes[seqAt] & 0xFF, bytes[seqAt + 1] & 0xFF, bytes[seqAt + 2] & 0xFF,
                messageId, Arrays.copyOfRange(bytes, base + headerLength, crcAt), received, signature, true);
        in.skipBytes(total);
        return new ParseResult.Parsed(frame);
    }

    private ParseResult unknownId(ByteBuf in, int start, int readable, int total, boolean endOfInput,
            boolean v2, int length, int incompat, int messageId, boolean aligned) {
        if (unknownIdPolicy == UnknownIdPolicy.DROP || !aligned) {
            return skip(in, SKIP_UNKNOWN);
        }
        if (readable == total && !endOfInput) {
            return ParseResult.NEED_MORE; // wait for the next byte to see whether a frame starts there
        }
        if (readable > total) {
            int next = in.getUnsignedByte(start + total);
            if (next != MAGIC_V1 && next != MAGIC_V2) {
                return skip(in, SKIP_UNKNOWN);
            }
        }
        if (containsVerifiedFrame(in, start + 1, start + total)) {
            return skip(in, SKIP_UNKNOWN);
        }
        int headerLength = v2 ? 10 : 6;
        int seqAt = start + (v2 ? 4 : 2);
        byte[] payload = new byte[length];
        in.getBytes(start + headerLength, payload);
        MavlinkSignature signature = (incompat & MavlinkFrame.INCOMPAT_SIGNED) != 0
                ? readSignature(in, start + headerLength + length + 2) : null;
        MavlinkFrame frame = new MavlinkFrame(v2 ? MavlinkVersion.V2 : MavlinkVersion.V1, incompat,
                v2 ? in.getUnsignedByte(start + 3) : 0, in.getUnsignedByte(seqAt), in.getUnsignedByte(seqAt + 1),
                in.getUnsignedByte(seqAt + 2), messageId, payload,
                in.getUnsignedShortLE(start + headerLength + length), signature, false);
        in.skipBytes(total);
        return new ParseResult.Parsed(frame);
    }

    /**
     * Whether a CRC-verified frame starts at a magic byte in [from, to): then the unknown-id
     * "frame" around it is more likely noise (e.g. a cut-off header) than a real frame, and
     * swallowing the verified frame would lose data. Only runs for unknown ids, which are rare.
     */
    private boolean containsVerifiedFrame(ByteBuf in, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = in.getUnsignedByte(i);
            if (b == MAGIC_V1 || b == MAGIC_V2) {
                ByteBuf rest = in.slice(i, in.writerIndex() - i);
                if (tryParse(rest, true, false) instanceof ParseResult.Parsed) {
                    return true;
                }
            }
        }
        return false;
    }

    private static MavlinkSignature readSignature(ByteBuf in, int at) {
        long timestamp = in.getUnsignedIntLE(at + 1) | ((long) in.getUnsignedShortLE(at + 5) << 32);
        long signature = in.getUnsignedIntLE(at + 7) | ((long) in.getUnsignedShortLE(at + 11) << 32);
        return new MavlinkSignature(in.getUnsignedByte(at), timestamp, signature);
    }

    private static ParseResult incomplete(ByteBuf in, boolean endOfInput) {
        return endOfInput ? skip(in, SKIP_TRUNCATED) : ParseResult.NEED_MORE;
    }

    private static ParseResult skip(ByteBuf in, ParseResult.Skipped skipped) {
        in.skipBytes(skipped.bytes());
        return skipped;
    }
}
