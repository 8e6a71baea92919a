package org.skypatrol.protocols.mavlink;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One MAVLink frame as it is (or will be) on the wire: header fields, the payload exactly as
 * transmitted (MAVLink 2 payloads may be truncated; readers zero-extend them), the checksum and
 * the optional signature block. Immutable: the payload array is copied in and out.
 *
 * <p>Build outgoing frames with {@link #create} (or {@link MavlinkMessages#toFrame}); frames
 * parsed from the network come from {@link MavlinkParser#tryParse}.
 *
 * @param version       wire version
 * @param incompatFlags MAVLink 2 incompatibility flags (0x01 = signed); 0 for MAVLink 1
 * @param compatFlags   MAVLink 2 compatibility flags; 0 for MAVLink 1
 * @param sequence      packet sequence 0..255
 * @param systemId      sender system id 0..255
 * @param componentId   sender component id 0..255
 * @param messageId     message id (0..255 for MAVLink 1, 24 bits for MAVLink 2)
 * @param payload       payload bytes as on the wire
 * @param checksum      CRC-16/MCRF4XX of the frame including CRC_EXTRA
 * @param signature     signature block, or {@code null} when unsigned
 * @param verified      whether the checksum was checked against a known CRC_EXTRA (false for
 *                      message ids unknown to the {@link MessageTable}, which pass through raw)
 */
public record MavlinkFrame(MavlinkVersion version, int incompatFlags, int compatFlags, int sequence,
        int systemId, int componentId, int messageId, byte[] payload, int checksum,
        MavlinkSignature signature, boolean verified) {

    /** Incompatibility flag: the frame carries a signature. */
    public static final int INCOMPAT_SIGNED = 0x01;

    public MavlinkFrame {
        payload = payload.clone();
        if (payload.length > 255) {
            throw new IllegalArgumentException("payload longer than 255 bytes: " + payload.length);
        }
    }

    /**
     * Builds an outgoing unsigned frame for a message id of the {@linkplain MessageTable#standard()
     * standard table}: MAVLink 2 payloads are truncated (trailing zeros removed, at least one byte
     * kept as the spec and the C library do), MAVLink 1 payloads are cut or zero-padded to the
     * message's base length; the checksum is computed with the message's CRC_EXTRA.
     *
     * @throws IllegalArgumentException for an unknown message id or a v1 frame with an id > 255
     */
    public static MavlinkFrame create(MavlinkVersion version, int sequence, int systemId, int componentId,
            int messageId, byte[] payload) {
        MessageDefinition definition = MessageTable.standard().find(messageId);
        if (definition == null) {
            throw new IllegalArgumentException("unknown message id " + messageId);
        }
        return create(version, sequence, systemId, componentId, definition, payload);
    }

    /** As {@link #create(MavlinkVersion, int, int, int, int, byte[])} with an explicit definition. */
    public static MavlinkFrame create(MavlinkVersion version, int sequence, int systemId, int componentId,
            MessageDefinition definition, byte[] payload) {
        byte[] wire;
        if (version == MavlinkVersion.V1) {
            if (definition.id() > 255) {
                throw new IllegalArgumentException("message id " + definition.id() + " needs MAVLink 2");
            }
            wire = Arrays.copyOf(payload, definition.minLength());
        } else {
            int length = Math.min(payload.length, definition.maxLength());
            while (length > 1 && payload[length - 1] == 0) {
                length--;
            }
            wire = Arrays.copyOf(payload, Math.max(length, 1));
        }
        int checksum = checksum(version, 0, 0, sequence & 0xFF, systemId & 0xFF, componentId & 0xFF,
                definition.id(), wire, definition.crcExtra());
        return new MavlinkFrame(version, 0, 0, sequence & 0xFF, systemId & 0xFF, componentId & 0xFF,
                definition.id(), wire, checksum, null, true);
    }

    /** The checksum over the header (without magic), the payload and CRC_EXTRA. */
    public static int checksum(MavlinkVersion version, int incompatFlags, int compatFlags, int sequence,
            int systemId, int componentId, int messageId, byte[] payload, int crcExtra) {
        int crc = MavlinkCrc.accumulate(payload.length, MavlinkCrc.INIT);
        if (version == MavlinkVersion.V2) {
            crc = MavlinkCrc.accumulate(incompatFlags, crc);
            crc = MavlinkCrc.accumulate(compatFlags, crc);
        }
        crc = MavlinkCrc.accumulate(sequence, crc);
        crc = MavlinkCrc.accumulate(systemId, crc);
        crc = MavlinkCrc.accumulate(componentId, crc);
        crc = MavlinkCrc.accumulate(messageId & 0xFF, crc);
        if (version == MavlinkVersion.V2) {
            crc = MavlinkCrc.accumulate((messageId >>> 8) & 0xFF, crc);
            crc = MavlinkCrc.accumulate((messageId >>> 16) & 0xFF, crc);
        }
        crc = MavlinkCrc.accumulate(payload, 0, payload.length, crc);
        return MavlinkCrc.accumulate(crcExtra, crc);
    }

    /** A copy of the payload as on the wire. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload without copying; callers in this package must not modify it. */
    byte[] payloadArray() {
        return payload;
    }

    /** Payload length on the wire. */
    public int payloadLength() {
        return payload.length;
    }

    /** Payload byte {@code index} (0..255) as unsigned, zero beyond the wire length (zero-extension). */
    public int payloadByte(int index) {
        return index < payload.length ? payload[index] & 0xFF : 0;
    }

    /** Whether the frame carries a signature block. */
    public boolean signed() {
        return signature != null;
    }

    /** Total length of the frame on the wire. */
    public int wireLength() {
        return version.headerLength() + payload.length + 2 + (signature != null ? MavlinkSignature.LENGTH : 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MavlinkFrame f && version == f.version && incompatFlags == f.incompatFlags
                && compatFlags == f.compatFlags && sequence == f.sequence && systemId == f.systemId
                && componentId == f.componentId && messageId == f.messageId && checksum == f.checksum
                && verified == f.verified && Arrays.equals(payload, f.payload)
                && java.util.Objects.equals(signature, f.signature);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(version, sequence, systemId, componentId, messageId, checksum,
                Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "MavlinkFrame[" + version + " seq=" + sequence + " sys=" + systemId + " comp=" + componentId
                + " msg=" + messageId + " payload=" + HexFormat.of().formatHex(payload)
                + (signature != null ? " " + signature : "") + (verified ? "" : " unverified") + "]";
    }
}
