package org.skypatrol.protocols.mavlink;

/**
 * One field of a message definition, in wire order.
 *
 * @param type        element type
 * @param name        field name as in the XML
 * @param arrayLength number of elements, 0 for a scalar
 * @param extension   whether the field is a MAVLink 2 extension (not part of CRC_EXTRA)
 * @param offset      byte offset of the field in the payload
 */
public record FieldDefinition(FieldType type, String name, int arrayLength, boolean extension, int offset) {

    /** Size of the field in bytes. */
    public int size() {
        return type.size() * Math.max(1, arrayLength);
    }
}
