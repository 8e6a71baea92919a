package org.skypatrol.analytics.scene;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Kinds of line a scene file may declare. */
public enum LineKind {
    SOLID_LINE, STOP_LINE, TRIPWIRE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LineKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }
}
