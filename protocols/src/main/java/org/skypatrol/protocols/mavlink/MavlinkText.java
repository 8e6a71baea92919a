package org.skypatrol.protocols.mavlink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** UTF-8 helpers for MAVLink char arrays. */
public final class MavlinkText {

    private MavlinkText() {
    }

    /** The longest UTF-8 prefix of {@code text} that fits {@code maxBytes} without splitting a character. */
    public static byte[] utf8Prefix(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // bytes[end] is a continuation byte: the character starting before it does not fit
        }
        return Arrays.copyOf(bytes, end);
    }
}
