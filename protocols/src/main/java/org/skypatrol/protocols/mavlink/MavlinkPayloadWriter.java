package org.skypatrol.protocols.mavlink;

import java.nio.charset.StandardCharsets;

/**
 * Little-endian writes into a full-length (untruncated) MAVLink payload; truncation happens when
 * the frame is built ({@link MavlinkFrame#create}). Values are cut to the field's width.
 */
public final class MavlinkPayloadWriter {

    private final byte[] payload;

    public MavlinkPayloadWriter(int length) {
        this.payload = new byte[length];
    }

    /** The payload (full length, owned by the caller after this call). */
    public byte[] toByteArray() {
        return payload;
    }

    public void u8(int offset, int value) {
        payload[offset] = (byte) value;
    }

    public void i8(int offset, int value) {
        payload[offset] = (byte) value;
    }

    public void u16(int offset, int value) {
        payload[offset] = (byte) value;
        payload[offset + 1] = (byte) (value >>> 8);
    }

    public void i16(int offset, int value) {
        u16(offset, value);
    }

    public void i32(int offset, int value) {
        payload[offset] = (byte) value;
        payload[offset + 1] = (byte) (value >>> 8);
        payload[offset + 2] = (byte) (value >>> 16);
        payload[offset + 3] = (byte) (value >>> 24);
    }

    public void u32(int offset, long value) {
        i32(offset, (int) value);
    }

    public void i64(int offset, long value) {
        i32(offset, (int) value);
        i32(offset + 4, (int) (value >>> 32));
    }

    public void u64(int offset, long value) {
        i64(offset, value);
    }

    public void f32(int offset, float value) {
        i32(offset, Float.floatToRawIntBits(value));
    }

    public void f64(int offset, double value) {
        i64(offset, Double.doubleToRawLongBits(value));
    }

    /** UTF-8 text, cut to {@code length} bytes (never splitting a character), NUL-padded. */
    public void chars(int offset, int length, String text) {
        byte[] bytes = MavlinkText.utf8Prefix(text, length);
        System.arraycopy(bytes, 0, payload, offset, bytes.length);
    }

    public void bytes(int offset, int length, byte[] value) {
        System.arraycopy(value, 0, payload, offset, Math.min(length, value.length));
    }

    public void f32s(int offset, int count, float[] values) {
        for (int i = 0; i < Math.min(count, values.length); i++) {
            f32(offset + 4 * i, values[i]);
        }
    }

    public void u16s(int offset, int count, int[] values) {
        for (int i = 0; i < Math.min(count, values.length); i++) {
            u16(offset + 2 * i, values[i]);
        }
    }
}
