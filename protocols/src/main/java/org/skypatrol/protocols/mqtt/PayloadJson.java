package org.skypatrol.protocols.mqtt;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON for every payload of the topic tree: camelCase keys as in the records, absent instead of null,
 * times as ISO-8601 UTC strings ({@code 2026-11-22T22:50:01.250Z}), unknown keys tolerated on input
 * (a newer minor version of a schema may add fields), nesting capped so hostile input stays cheap.
 */
public final class PayloadJson {

    private static final ObjectMapper MAPPER = create();

    private PayloadJson() {
    }

    /** A new mapper with the payload settings (callers may keep their own copy). */
    public static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(1 << 20).build());
        return m;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises a payload record; a record that cannot be written is a programming error. */
    public static byte[] toBytes(Object payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }

    /** Parses a payload; throws {@link IOException} for malformed JSON or wrong types. */
    public static <T> T fromBytes(byte[] json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }
}
