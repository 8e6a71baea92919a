package org.skypatrol.protocols.mavlink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a loudspeaker text into SKYPATROL_SPEAKER_BROADCAST chunks (UTF-8, at most 200 bytes
 * each, never splitting a character) and joins them again on the drone side. Our dialect:
 * tools/mavgen/skypatrol.xml, docs/mavlink.md.
 */
public final class SkypatrolSpeakerText {

    /** Text bytes per chunk (the message's char[200] field). */
    public static final int CHUNK_BYTES = 200;
    /** Longest text: 255 chunks. */
    public static final int MAX_CHUNKS = 255;

    private SkypatrolSpeakerText() {
    }

    /**
     * The chunks of one broadcast.
     *
     * @throws IllegalArgumentException when the text needs more than {@link #MAX_CHUNKS} chunks
     */
    public static List<SkypatrolSpeakerBroadcast> chunks(int targetSystem, int targetComponent, long commandId,
            int volumePercent, int repeat, String text) {
        List<byte[]> parts = new ArrayList<>();
        String rest = text;
        do {
            byte[] part = MavlinkText.utf8Prefix(rest, CHUNK_BYTES);
            parts.add(part);
            rest = rest.substring(new String(part, StandardCharsets.UTF_8).length());
        } while (!rest.isEmpty());
        if (parts.size() > MAX_CHUNKS) {
            throw new IllegalArgumentException("text too long for one broadcast: " + parts.size() + " chunks");
        }
        List<SkypatrolSpeakerBroadcast> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            out.add(new SkypatrolSpeakerBroadcast(targetSystem, targetComponent, commandId, volumePercent, repeat, i,
                    parts.size(), parts.get(i).length, new String(parts.get(i), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The text of a complete set of chunks (any order), or {@code null} while chunks are missing. */
    public static String join(List<SkypatrolSpeakerBroadcast> received) {
        if (received.isEmpty()) {
            return null;
        }
        int count = received.get(0).chunkCount();
        List<SkypatrolSpeakerBroadcast> sorted = new ArrayList<>(received);
        sorted.sort(Comparator.comparingInt(SkypatrolSpeakerBroadcast::chunkIndex));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int expected = 0;
        for (SkypatrolSpeakerBroadcast chunk : sorted) {
            if (chunk.chunkIndex() < expected) {
                continue; // duplicate (a retry)
            }
            if (chunk.chunkIndex() != expected) {
                return null;
            }
            byte[] bytes = chunk.text().getBytes(StandardCharsets.UTF_8);
            text.write(bytes, 0, Math.min(bytes.length, chunk.textLength()));
            expected++;
        }
        return expected == count ? text.toString(StandardCharsets.UTF_8) : null;
    }
}
