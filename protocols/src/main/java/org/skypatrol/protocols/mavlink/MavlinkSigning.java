package org.skypatrol.protocols.mavlink;

import java.time.Instant;

/**
 * MAVLink 2 message signing, sign and verify (https://mavlink.io/en/guide/message_signing.html).
 * Pure functions over frames; the stream/replay policy is {@link MavlinkSigningPolicy}.
 */
public final class MavlinkSigning {

    /** 2015-01-01T00:00:00Z, the signing epoch. */
    public static final Instant EPOCH = Instant.parse("2015-01-01T00:00:00Z");
    /** Timestamps count 10 µs units. */
    public static final long UNITS_PER_SECOND = 100_000L;
    /** Largest 48-bit timestamp. */
    public static final long MAX_TIMESTAMP = (1L << 48) - 1;

    private MavlinkSigning() {
    }

    /** The signing timestamp of an instant (10 µs units since 2015-01-01). */
    public static long timestampOf(Instant instant) {
        long seconds = instant.getEpochSecond() - EPOCH.getEpochSecond();
        return seconds * UNITS_PER_SECOND + instant.getNano() / 10_000;
    }

    /**
     * Signs a MAVLink 2 frame that SkyPatrol originated: sets the signed incompatibility flag,
     * recomputes the CRC (it covers the flags) and appends link id, timestamp and signature.
     *
     * @throws IllegalArgumentException for a v1 frame, or a message id unknown to the standard table
     */
    public static MavlinkFrame sign(MavlinkFrame frame, MavlinkSigningKey key, int linkId, long timestamp) {
        if (frame.version() != MavlinkVersion.V2) {
            throw new IllegalArgumentException("only MAVLink 2 frames can be signed");
        }
        MessageDefinition definition = MessageTable.standard().find(frame.messageId());
        if (definition == null) {
            throw new IllegalArgumentException("cannot sign unknown message id " + frame.messageId());
        }
        int incompat = frame.incompatFlags() | MavlinkFrame.INCOMPAT_SIGNED;
        byte[] payload = frame.payloadArray();
        int checksum = MavlinkFrame.checksum(MavlinkVersion.V2, incompat, frame.compatFlags(), frame.sequence(),
                frame.systemId(), frame.componentId(), frame.messageId(), payload, definition.crcExtra());
        MavlinkFrame unsignedBody = new MavlinkFrame(MavlinkVersion.V2, incompat, frame.compatFlags(), frame.sequence(),
                frame.systemId(), frame.componentId(), frame.messageId(), payload, checksum,
                new MavlinkSignature(linkId & 0xFF, timestamp & MAX_TIMESTAMP, 0), true);
        long signature = computeSignature(unsignedBody, key);
        return new MavlinkFrame(MavlinkVersion.V2, incompat, frame.compatFlags(), frame.sequence(), frame.systemId(),
                frame.componentId(), frame.messageId(), payload, checksum,
                new MavlinkSignature(linkId & 0xFF, timestamp & MAX_TIMESTAMP, signature), true);
    }

    /** Whether a signed frame's signature matches {@code key}; false for unsigned frames. */
    public static boolean verify(MavlinkFrame frame, MavlinkSigningKey key) {
        return frame.signature() != null && computeSignature(frame, key) == frame.signature().signature();
    }

    /** SHA-256 over key + the frame's bytes from the magic up to the timestamp, first 48 bits. */
    static long computeSignature(MavlinkFrame frame, MavlinkSigningKey key) {
        byte[] wire = MavlinkFrameWriter.toBytes(frame);
        return key.sign(wire, 0, wire.length - 6);
    }
}
