package org.skypatrol.protocols.mavlink;

/**
 * A message without a typed record: any id of the table that SkyPatrol does not decode, or an id
 * unknown even to the table. Its payload is kept exactly as received, so it can be forwarded.
 *
 * @param messageId message id
 * @param payload   payload as on the wire (possibly truncated)
 */
public record RawMessage(int messageId, byte[] payload) implements MavlinkMessage {

    public RawMessage {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] encodePayload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawMessage o && messageId == o.messageId && java.util.Arrays.equals(payload, o.payload);
    }

    @Override
    public int hashCode() {
        return 31 * messageId + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RawMessage[id=" + messageId + ", payload=" + java.util.HexFormat.of().formatHex(payload) + "]";
    }
}
