package org.skypatrol.protocols.mavlink;

/** Why the parser skipped bytes instead of returning a frame. Each maps to a {@link MavlinkCounter}. */
public enum SkipReason {
    /** Bytes before the next magic byte (noise, or the tail of a broken frame). */
    JUNK(MavlinkCounter.JUNK),
    /** Checksum mismatch for a known message id (resync by one byte, MAVLink serialization spec). */
    BAD_CRC(MavlinkCounter.BAD_CRC),
    /** Checksum mismatch and a length impossible for the message id (payload longer than defined). */
    BAD_LENGTH(MavlinkCounter.BAD_LENGTH),
    /** A v2 frame with an incompatibility flag other than 0x01 set: it MUST be dropped. */
    UNKNOWN_INCOMPAT_FLAGS(MavlinkCounter.UNKNOWN_INCOMPAT_FLAGS),
    /** A message id unknown to the table when the policy drops those, or not at a frame boundary. */
    UNKNOWN_ID(MavlinkCounter.UNKNOWN_ID_DROPPED),
    /** The datagram (or input) ended inside a frame. */
    TRUNCATED(MavlinkCounter.TRUNCATED);

    private final MavlinkCounter counter;

    SkipReason(MavlinkCounter counter) {
        this.counter = counter;
    }

    /** The counter this reason increments. */
    public MavlinkCounter counter() {
        return counter;
    }
}
