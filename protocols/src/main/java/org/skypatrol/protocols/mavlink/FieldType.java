package org.skypatrol.protocols.mavlink;

/** The primitive field types of MAVLink message definitions, with their wire size in bytes. */
public enum FieldType {
    CHAR("char", 1), UINT8("uint8_t", 1), INT8("int8_t", 1), UINT16("uint16_t", 2), INT16("int16_t", 2),
    UINT32("uint32_t", 4), INT32("int32_t", 4), FLOAT("float", 4), UINT64("uint64_t", 8),
    INT64("int64_t", 8), DOUBLE("double", 8);

    private final String wireName;
    private final int size;

    FieldType(String wireName, int size) {
        this.wireName = wireName;
        this.size = size;
    }

    /** The type's name in the XML definitions and in the CRC_EXTRA computation. */
    public String wireName() {
        return wireName;
    }

    /** Size of one element in bytes. */
    public int size() {
        return size;
    }

    /** Parses an XML type name such as {@code uint16_t} ({@code uint8_t_mavlink_version} is {@code uint8_t}). */
    public static FieldType fromWireName(String name) {
        String base = "uint8_t_mavlink_version".equals(name) ? "uint8_t" : name;
        for (FieldType type : values()) {
            if (type.wireName.equals(base)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown MAVLink field type: " + name);
    }
}
