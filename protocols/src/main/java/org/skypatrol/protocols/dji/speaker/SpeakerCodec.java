package org.skypatrol.protocols.dji.speaker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON in and out for the speaker messages. Unknown fields from devices are ignored (DJI adds
 * fields between firmware versions); a payload that is not a JSON object with the envelope fields
 * is a {@link SpeakerParseException}.
 */
public final class SpeakerCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SpeakerCodec() {
    }

    public static byte[] encode(DjiEnvelope<?> envelope) {
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + envelope.method(), e);
        }
    }

    /** The envelope with {@code data} left as a tree (to read {@code method} before the data type). */
    public static DjiEnvelope<JsonNode> parse(byte[] payload) throws SpeakerParseException {
        try {
            DjiEnvelope<JsonNode> e = JSON.readValue(payload, new TypeReference<DjiEnvelope<JsonNode>>() { });
            if (e == null || e.method() == null || e.tid() == null) {
                throw new SpeakerParseException("not a DJI envelope (method and tid are required)");
            }
            return e;
        } catch (IOException ex) {
            throw new SpeakerParseException("bad JSON: " + ex.getMessage());
        }
    }

    /** Reads {@code data} as {@code type}. */
    public static <T> T data(DjiEnvelope<JsonNode> e, Class<T> type) throws SpeakerParseException {
        if (e.data() == null || !e.data().isObject()) {
            throw new SpeakerParseException(e.method() + ": data must be an object");
        }
        try {
            return JSON.treeToValue(e.data(), type);
        } catch (JsonProcessingException ex) {
            throw new SpeakerParseException(e.method() + ": bad data: " + ex.getOriginalMessage());
        }
    }

    /** MD5 (hex, lower case) of the UTF-8 text: the {@code tts.md5} of a TTS broadcast. */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /** Thrown for device payloads that cannot be understood (counted by the caller). */
    public static final class SpeakerParseException extends Exception {
        public SpeakerParseException(String message) {
            super(message);
        }
    }
}
