package org.skypatrol.protocols.mavlink;

/**
 * Entry point from frames to typed messages and back.
 *
 * <pre>{@code
 * MavlinkMessage m = MavlinkMessages.decode(frame);
 * if (m instanceof GlobalPositionInt p) { ... p.lat() / 1e7 ... }
 * MavlinkFrame out = MavlinkMessages.toFrame(MavlinkVersion.V2, seq, 255, 190,
 *         new CommandLong(1, 1, 511, 0, 33, 100_000, 0, 0, 0, 0, 0));
 * }</pre>
 */
public final class MavlinkMessages {

    private MavlinkMessages() {
    }

    /**
     * Decodes a frame's payload into its typed record (zero-extending a truncated payload and
     * ignoring bytes beyond the definition); ids without a record give a {@link RawMessage}.
     * Never throws for a frame from {@link MavlinkParser}.
     */
    public static MavlinkMessage decode(MavlinkFrame frame) {
        MavlinkMessage typed = MavlinkMessage.decodeTyped(frame.messageId(), new MavlinkPayloadReader(frame));
        return typed != null ? typed : new RawMessage(frame.messageId(), frame.payloadArray());
    }

    /**
     * Encodes a message into an unsigned outgoing frame (v2 truncation, CRC with CRC_EXTRA).
     *
     * @throws IllegalArgumentException if the id is not in the standard table, or needs v2 but v1 was asked
     */
    public static MavlinkFrame toFrame(MavlinkVersion version, int sequence, int systemId, int componentId,
            MavlinkMessage message) {
        return MavlinkFrame.create(version, sequence, systemId, componentId, message.messageId(),
                message.encodePayload());
    }

    /** The message name of an id ({@code HEARTBEAT}), or {@code "UNKNOWN_<id>"}. */
    public static String name(int messageId) {
        MessageDefinition definition = MessageTable.standard().find(messageId);
        return definition != null ? definition.name() : "UNKNOWN_" + messageId;
    }
}
