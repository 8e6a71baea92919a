package org.skypatrol.protocols.mavlink;

import java.math.BigInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generic decoding of any message of the table into a JSON object, field by field in definition
 * order of the wire layout (for {@code skypatrol mavlink dump} and debugging). Truncated payloads
 * are zero-extended; char arrays become strings, other arrays JSON arrays.
 */
public final class MavlinkFieldsJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MavlinkFieldsJson() {
    }

    /** The fields of a frame as JSON, or an object with the raw payload hex for unknown ids. */
    public static ObjectNode fields(MavlinkFrame frame, MessageTable table) {
        ObjectNode out = JSON.objectNode();
        MessageDefinition definition = table.find(frame.messageId());
        MavlinkPayloadReader r = new MavlinkPayloadReader(frame);
        if (definition == null) {
            out.put("payloadHex", java.util.HexFormat.of().formatHex(frame.payloadArray()));
            return out;
        }
        for (FieldDefinition f : definition.fields()) {
            if (f.type() == FieldType.CHAR && f.arrayLength() > 0) {
                out.put(f.name(), r.chars(f.offset(), f.arrayLength()));
            } else if (f.arrayLength() > 0) {
                ArrayNode array = out.putArray(f.name());
                for (int i = 0; i < f.arrayLength(); i++) {
                    put(array, f.type(), r, f.offset() + i * f.type().size());
                }
            } else {
                ArrayNode one = JSON.arrayNode();
                put(one, f.type(), r, f.offset());
                out.set(f.name(), one.get(0));
            }
        }
        return out;
    }

    private static void put(ArrayNode array, FieldType type, MavlinkPayloadReader r, int offset) {
        switch (type) {
            case CHAR, UINT8 -> array.add(r.u8(offset));
            case INT8 -> array.add(r.i8(offset));
            case UINT16 -> array.add(r.u16(offset));
            case INT16 -> array.add(r.i16(offset));
            case UINT32 -> array.add(r.u32(offset));
            case INT32 -> array.add(r.i32(offset));
            case FLOAT -> array.add(r.f32(offset));
            case DOUBLE -> array.add(r.f64(offset));
            case INT64 -> array.add(r.i64(offset));
            case UINT64 -> {
                long v = r.u64(offset);
                array.add(v >= 0 ? BigInteger.valueOf(v) : new BigInteger(Long.toUnsignedString(v)));
            }
            default -> throw new IllegalStateException("unhandled type " + type);
        }
    }
}
