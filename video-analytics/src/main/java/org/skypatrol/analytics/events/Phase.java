package org.skypatrol.analytics.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Alert lifecycle phase (Frigate-style new/update/end; our wire names start/update/end). */
public enum Phase {
    START, UPDATE, END;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
