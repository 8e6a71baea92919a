package org.skypatrol.protocols.mqtt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code {p}/drones/{droneId}/commands/broadcast} (in, QoS 1): play a text (TTS) or a stored clip on the
 * drone's loudspeaker. Exactly one of {@code text} and {@code clipId}. The command centre picks
 * {@code commandId}; a repeated id is the same command (idempotent, FAULTS.md L2).
 *
 * @param volume   0..100 percent, default 80
 * @param repeat   1..10 times, default 1
 * @param priority normal, high or urgent (urgent interrupts what is playing), default normal
 */
public record BroadcastRequestPayload(String schema, Instant time, String commandId, String text, String clipId,
                                      Integer volume, Integer repeat, Priority priority) {

    public static final String SCHEMA = "skypatrol.broadcast-request/1";
    public static final int MAX_TEXT_CHARS = 500;

    public enum Priority {
        @JsonProperty("normal") NORMAL,
        @JsonProperty("high") HIGH,
        @JsonProperty("urgent") URGENT
    }

    public static BroadcastRequestPayload text(Instant time, String commandId, String text) {
        return new BroadcastRequestPayload(SCHEMA, time, commandId, text, null, null, null, null);
    }

    public int volumeOrDefault() {
        return volume == null ? 80 : volume;
    }

    public int repeatOrDefault() {
        return repeat == null ? 1 : repeat;
    }

    public Priority priorityOrDefault() {
        return priority == null ? Priority.NORMAL : priority;
    }
}
