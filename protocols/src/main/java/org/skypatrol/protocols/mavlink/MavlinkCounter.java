package org.skypatrol.protocols.mavlink;

/** Everything the MAVLink input path counts (see {@link MavlinkCounters}). */
public enum MavlinkCounter {
    /** Frames decoded with a verified checksum. */
    FRAMES_OK,
    /** Frames of message ids unknown to the table, passed through with an unverified checksum. */
    FRAMES_UNVERIFIED,
    /** Bytes consumed without producing a frame (all skip reasons together). */
    BYTES_SKIPPED,
    /** Runs of junk bytes before a magic byte. */
    JUNK,
    /** Checksum mismatches. */
    BAD_CRC,
    /** Checksum mismatches with a length impossible for the id. */
    BAD_LENGTH,
    /** Frames with unknown incompatibility flags. */
    UNKNOWN_INCOMPAT_FLAGS,
    /** Unknown message ids dropped (policy, or not at a frame boundary). */
    UNKNOWN_ID_DROPPED,
    /** Frames cut off at the end of a datagram or input. */
    TRUNCATED,
    /** Signed frames whose signature did not verify. */
    BAD_SIGNATURE,
    /** Signed frames with a timestamp not newer than their stream's last one (replays). */
    SIGNATURE_REPLAY,
    /** Signed frames starting a stream with a timestamp more than 60 s old. */
    SIGNATURE_TOO_OLD,
    /** Signed frames whose stream (sysid, compid, link id) belongs to another peer. */
    LINK_PEER_MISMATCH,
    /** Unsigned (or MAVLink 1) frames rejected because the endpoint requires signing. */
    UNSIGNED_REJECTED,
    /** SETUP_SIGNING frames received from the network (always ignored). */
    SETUP_SIGNING_IGNORED
}
