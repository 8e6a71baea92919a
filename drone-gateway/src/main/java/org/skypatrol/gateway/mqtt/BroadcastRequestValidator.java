package org.skypatrol.gateway.mqtt;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.skypatrol.protocols.mqtt.BroadcastRequestPayload;
import org.skypatrol.protocols.mqtt.PayloadJson;

/**
 * Checks an inbound broadcast command against {@code schemas/broadcast-request.schema.json} (the same
 * rules, written out so the gateway needs no validator at run time) and a size limit, before anything
 * reads it further. Pure: the caller checks that the drone is known.
 */
public final class BroadcastRequestValidator {

    static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** The outcome: a valid request, or a reason to reject (with the command id when it could be read). */
    public sealed interface Result {
        record Valid(BroadcastRequestPayload request) implements Result { }

        record Invalid(String commandId, String reason) implements Result { }
    }

    private final int maxBytes;

    public BroadcastRequestValidator(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Result validate(byte[] payload) {
        if (payload.length > maxBytes) {
            return new Result.Invalid(null, "payload too large: " + payload.length + " > " + maxBytes + " bytes");
        }
        JsonNode tree;
        try {
            tree = PayloadJson.mapper().readTree(payload);
        } catch (IOException e) {
            return new Result.Invalid(null, "malformed JSON");
        }
        if (tree == null || !tree.isObject()) {
            return new Result.Invalid(null, "payload must be a JSON object");
        }
        JsonNode idNode = tree.get("commandId");
        String commandId = idNode != null && idNode.isTextual() && COMMAND_ID.matcher(idNode.asText()).matches()
                ? idNode.asText() : null;
        if (commandId == null) {
            return new Result.Invalid(null, "commandId missing or not 1-64 characters of A-Z a-z 0-9 _ . : -");
        }
        JsonNode schema = tree.get("schema");
        if (schema == null || !schema.isTextual() || !schema.asText().startsWith("skypatrol.broadcast-request/1")) {
            return new Result.Invalid(commandId, "schema must be " + BroadcastRequestPayload.SCHEMA);
        }
        BroadcastRequestPayload p;
        try {
            p = PayloadJson.mapper().treeToValue(tree, BroadcastRequestPayload.class);
        } catch (IOException e) {
            return new Result.Invalid(commandId, "wrong field type: " + firstLine(e.getMessage()));
        }
        boolean hasText = p.text() != null && !p.text().isBlank();
        boolean hasClip = p.clipId() != null && !p.clipId().isBlank();
        if (hasText == hasClip) {
            return new Result.Invalid(commandId, "exactly one of text and clipId is required");
        }
        if (hasText && p.text().length() > BroadcastRequestPayload.MAX_TEXT_CHARS) {
            return new Result.Invalid(commandId, "text longer than " + BroadcastRequestPayload.MAX_TEXT_CHARS + " characters");
        }
        if (hasClip && !COMMAND_ID.matcher(p.clipId()).matches()) {
            return new Result.Invalid(commandId, "clipId must be 1-64 characters of A-Z a-z 0-9 _ . : -");
        }
        if (p.volume() != null && (p.volume() < 0 || p.volume() > 100)) {
            return new Result.Invalid(commandId, "volume must be 0..100");
        }
        if (p.repeat() != null && (p.repeat() < 1 || p.repeat() > 10)) {
            return new Result.Invalid(commandId, "repeat must be 1..10");
        }
        return new Result.Valid(p);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
