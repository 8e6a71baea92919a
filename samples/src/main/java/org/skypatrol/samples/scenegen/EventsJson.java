package org.skypatrol.samples.scenegen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and writes events JSONL (one {@link EventRecord} per line). */
public final class EventsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventsJson() {
    }

    public static void write(Path file, List<EventRecord> events) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (EventRecord e : events) {
                w.write(JSON.writeValueAsString(e));
                w.newLine();
            }
        }
    }

    /** Reads every non-blank line; a line that is not an event fails with its line number. */
    public static List<EventRecord> read(Path file) throws IOException {
        List<EventRecord> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readValue(line, EventRecord.class));
            } catch (IOException e) {
                throw new IOException(file + ":" + n + ": not an event: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
