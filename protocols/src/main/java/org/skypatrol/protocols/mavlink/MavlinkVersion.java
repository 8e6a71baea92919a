package org.skypatrol.protocols.mavlink;

/** MAVLink wire versions, with their start-of-frame magic byte and header length. */
public enum MavlinkVersion {
    /** MAVLink 1: magic 0xFE, 6-byte header, 8-bit message ids, no truncation, no signing. */
    V1(0xFE, 6),
    /** MAVLink 2: magic 0xFD, 10-byte header, 24-bit ids, payload truncation, optional signature. */
    V2(0xFD, 10);

    private final int magic;
    private final int headerLength;

    MavlinkVersion(int magic, int headerLength) {
        this.magic = magic;
        this.headerLength = headerLength;
    }

    /** The start-of-frame byte. */
    public int magic() {
        return magic;
    }

    /** Header length including the magic byte. */
    public int headerLength() {
        return headerLength;
    }
}
