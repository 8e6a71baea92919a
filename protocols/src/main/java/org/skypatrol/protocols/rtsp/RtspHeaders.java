package org.skypatrol.protocols.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** RTSP header fields in arrival order; names compare case-insensitively (RFC 2326 §4.2). */
public record RtspHeaders(List<Field> fields) {

    /** One header line. */
    public record Field(String name, String value) {
    }

    public RtspHeaders {
        fields = List.copyOf(fields);
    }

    public static RtspHeaders of(String... namesAndValues) {
        List<Field> list = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            list.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new RtspHeaders(list);
    }

    /** The first value of the named header. */
    public Optional<String> get(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** A copy with one more field. */
    public RtspHeaders with(String name, String value) {
        List<Field> list = new ArrayList<>(fields);
        list.add(new Field(name, value));
        return new RtspHeaders(list);
    }

    /** A copy with every field of {@code other} appended. */
    public RtspHeaders withAll(RtspHeaders other) {
        List<Field> list = new ArrayList<>(fields);
        list.addAll(other.fields());
        return new RtspHeaders(list);
    }

    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
