package org.skypatrol.protocols.mavlink;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CRC-16/MCRF4XX (polynomial 0x1021 reflected, init 0xFFFF, no final xor) as MAVLink uses it, and
 * the CRC_EXTRA seed of a message definition.
 *
 * <p>See https://mavlink.io/en/guide/serialization.html#checksum and #crc_extra. The checksum
 * covers the frame from the length byte up to the end of the payload, then the message's
 * CRC_EXTRA byte.
 */
public final class MavlinkCrc {

    /** The initial value of the accumulator. */
    public static final int INIT = 0xFFFF;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private MavlinkCrc() {
    }

    /** Accumulates one byte (the spec's {@code crc_accumulate}). */
    public static int accumulate(int b, int crc) {
        return (crc >>> 8) ^ TABLE[(crc ^ b) & 0xFF];
    }

    /** Accumulates {@code length} bytes of {@code data} from {@code offset}. */
    public static int accumulate(byte[] data, int offset, int length, int crc) {
        int c = crc;
        for (int i = offset, end = offset + length; i < end; i++) {
            c = (c >>> 8) ^ TABLE[(c ^ data[i]) & 0xFF];
        }
        return c;
    }

    /**
     * CRC_EXTRA of a message: the CRC of {@code "NAME "} then {@code "type name "} of every
     * non-extension field in wire order (plus the array length byte for arrays), folded to 8 bits.
     * {@code uint8_t_mavlink_version} counts as {@code uint8_t}.
     */
    public static int crcExtra(String messageName, List<FieldDefinition> wireOrderFields) {
        int crc = accumulateAscii(messageName + " ", INIT);
        for (FieldDefinition field : wireOrderFields) {
            if (field.extension()) {
                continue;
            }
            crc = accumulateAscii(field.type().wireName() + " ", crc);
            crc = accumulateAscii(field.name() + " ", crc);
            if (field.arrayLength() > 0) {
                crc = accumulate(field.arrayLength(), crc);
            }
        }
        return (crc & 0xFF) ^ (crc >>> 8);
    }

    private static int accumulateAscii(String text, int crc) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return accumulate(bytes, 0, bytes.length, crc);
    }
}
