package org.skypatrol.protocols.mavlink;

import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads from a MAVLink payload with zero-extension: bytes beyond the received length
 * (a truncated MAVLink 2 payload, or an older sender without extension fields) read as zero, as
 * https://mavlink.io/en/guide/serialization.html#payload_truncation requires.
 */
public final class MavlinkPayloadReader {

    private final byte[] payload;

    public MavlinkPayloadReader(MavlinkFrame frame) {
        this.payload = frame.payloadArray();
    }

    /** A reader over a copy of raw payload bytes. */
    public static MavlinkPayloadReader of(byte[] payload) {
        return new MavlinkPayloadReader(payload.clone());
    }

    private MavlinkPayloadReader(byte[] payload) {
        this.payload = payload;
    }

    private int b(int offset) {
        return offset < payload.length ? payload[offset] & 0xFF : 0;
    }

    public int u8(int offset) {
        return b(offset);
    }

    public int i8(int offset) {
        return (byte) b(offset);
    }

    public int u16(int offset) {
        return b(offset) | b(offset + 1) << 8;
    }

    public int i16(int offset) {
        return (short) u16(offset);
    }

    public int i32(int offset) {
        if (offset + 4 <= payload.length) {
            return (payload[offset] & 0xFF) | (payload[offset + 1] & 0xFF) << 8 | (payload[offset + 2] & 0xFF) << 16
                    | (payload[offset + 3] & 0xFF) << 24;
        }
        return b(offset) | b(offset + 1) << 8 | b(offset + 2) << 16 | b(offset + 3) << 24;
    }

    public long u32(int offset) {
        return i32(offset) & 0xFFFFFFFFL;
    }

    public long i64(int offset) {
        return u32(offset) | ((long) i32(offset + 4)) << 32;
    }

    /** uint64 as a long (values above 2^63-1 read as negative; use Long.toUnsignedString). */
    public long u64(int offset) {
        return i64(offset);
    }

    public float f32(int offset) {
        return Float.intBitsToFloat(i32(offset));
    }

    public double f64(int offset) {
        return Double.longBitsToDouble(i64(offset));
    }

    /** A char array as a string: UTF-8, up to the first NUL or {@code length} bytes. */
    public String chars(int offset, int length) {
        int end = offset;
        while (end < offset + length && b(end) != 0) {
            end++;
        }
        int available = Math.max(0, Math.min(end, payload.length) - offset);
        return available == 0 ? "" : new String(payload, offset, available, StandardCharsets.UTF_8);
    }

    public byte[] bytes(int offset, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) b(offset + i);
        }
        return out;
    }

    public float[] f32s(int offset, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = f32(offset + 4 * i);
        }
        return out;
    }

    public int[] u16s(int offset, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = u16(offset + 2 * i);
        }
        return out;
    }
}
