package org.skypatrol.gateway.broadcast;

import java.time.Duration;

/**
 * One loudspeaker broadcast asked of a drone: free text (spoken by the drone's TTS) or a preset
 * clip stored on the loudspeaker, never both.
 *
 * @param commandId     the requester's id, the idempotency key (1..64 characters)
 * @param droneId       the drone that should speak
 * @param text          text to speak, or null for a clip
 * @param clipId        preset clip number, or null for text
 * @param volumePercent 0..100
 * @param repeat        times to play, 1..255
 * @param loop          play until stopped (or pre-empted) instead of {@code repeat} times
 * @param priority      higher pre-empts lower on the same drone (0..100)
 * @param ttl           the whole command must be done within this time, or null for the default
 * @param source        who asked
 * @param signature     app-level HMAC of the request (hex), or null; see {@link RequestSignature}
 */
public record BroadcastRequest(String commandId, String droneId, String text, Integer clipId,
                               int volumePercent, int repeat, boolean loop, int priority, Duration ttl,
                               Source source, String signature) {

    /** Where a request came from; MQTT and HTTP requests may need an app-level signature. */
    public enum Source {
        MQTT, CLI, HTTP, POLICY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Arrives over the network from outside the gateway process. */
        public boolean remote() {
            return this == MQTT || this == HTTP;
        }
    }

    /** A text broadcast with the usual settings (volume 80, once, priority 5, default ttl). */
    public static BroadcastRequest text(String commandId, String droneId, String text, Source source) {
        return new BroadcastRequest(commandId, droneId, text, null, 80, 1, false, 5, null, source, null);
    }

    /** A preset-clip broadcast with the usual settings. */
    public static BroadcastRequest clip(String commandId, String droneId, int clipId, Source source) {
        return new BroadcastRequest(commandId, droneId, null, clipId, 80, 1, false, 5, null, source, null);
    }

    public BroadcastRequest withPriority(int p) {
        return new BroadcastRequest(commandId, droneId, text, clipId, volumePercent, repeat, loop, p, ttl,
                source, signature);
    }

    public BroadcastRequest withTtl(Duration t) {
        return new BroadcastRequest(commandId, droneId, text, clipId, volumePercent, repeat, loop, priority, t,
                source, signature);
    }

    public BroadcastRequest withSignature(String s) {
        return new BroadcastRequest(commandId, droneId, text, clipId, volumePercent, repeat, loop, priority, ttl,
                source, s);
    }

    /** The first structural problem of this request, or null when it is well formed. */
    public String problem(int maxTextLength) {
        if (commandId == null || !commandId.matches("[A-Za-z0-9_.:-]{1,64}")) {
            return "invalid commandId";
        }
        if (droneId == null || droneId.isBlank()) {
            return "invalid droneId";
        }
        if ((text == null) == (clipId == null)) {
            return "exactly one of text and clipId is required";
        }
        if (text != null && text.isBlank()) {
            return "empty text";
        }
        if (text != null && text.codePointCount(0, text.length()) > maxTextLength) {
            return "text too long (max " + maxTextLength + " characters)";
        }
        if (clipId != null && (clipId < 0 || clipId > 65535)) {
            return "clipId must be 0..65535";
        }
        if (volumePercent < 0 || volumePercent > 100) {
            return "volume must be 0..100";
        }
        if (repeat < 1 || repeat > 255) {
            return "repeat must be 1..255";
        }
        if (priority < 0 || priority > 100) {
            return "priority must be 0..100";
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            return "ttl must be positive";
        }
        return null;
    }
}
