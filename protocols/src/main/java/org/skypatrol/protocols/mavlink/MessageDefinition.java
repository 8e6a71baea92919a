package org.skypatrol.protocols.mavlink;

import java.util.List;

/**
 * What SkyPatrol knows about a message id: name, CRC_EXTRA, payload lengths and field layout.
 *
 * @param id            message id
 * @param name          message name, e.g. {@code HEARTBEAT}
 * @param crcExtra      CRC_EXTRA seed byte
 * @param minLength     payload length without extension fields (the MAVLink 1 length)
 * @param maxLength     payload length with every extension field
 * @param fields        fields in wire order (extensions last)
 */
public record MessageDefinition(int id, String name, int crcExtra, int minLength, int maxLength,
        List<FieldDefinition> fields) {

    public MessageDefinition {
        fields = List.copyOf(fields);
    }
}
