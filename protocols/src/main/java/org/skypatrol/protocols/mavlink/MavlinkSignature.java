package org.skypatrol.protocols.mavlink;

/**
 * The 13-byte signature block of a signed MAVLink 2 frame
 * (https://mavlink.io/en/guide/message_signing.html#frame_format).
 *
 * @param linkId    link id chosen by the signer
 * @param timestamp 48-bit timestamp in 10 µs units since 2015-01-01T00:00:00Z
 * @param signature the 48-bit truncated SHA-256, as the unsigned little-endian value of its 6 bytes
 */
public record MavlinkSignature(int linkId, long timestamp, long signature) {

    /** Length of the signature block on the wire. */
    public static final int LENGTH = 13;
}
