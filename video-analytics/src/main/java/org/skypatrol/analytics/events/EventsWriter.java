package org.skypatrol.analytics.events;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes alert phases as JSON lines (one object per line, flushed per event so a crash loses nothing). */
public final class EventsWriter implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private final Writer out;
    private final boolean includeUpdates;
    private long written;

    public EventsWriter(Writer out, boolean includeUpdates) {
        this.out = out;
        this.includeUpdates = includeUpdates;
    }

    /** Opens a file; updates are left out (the file holds start and end phases, as the ground truth). */
    public static EventsWriter open(Path file) throws IOException {
        return new EventsWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), false);
    }

    public static String toJson(AlertEvent e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static AlertEvent fromJson(String line) throws IOException {
        return JSON.readValue(line, AlertEvent.class);
    }

    public void write(AlertEvent e) {
        if (e.phase() == Phase.UPDATE && !includeUpdates) {
            return;
        }
        try {
            out.write(toJson(e));
            out.write('\n');
            out.flush();
            written++;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write events: " + ex.getMessage(), ex);
        }
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
