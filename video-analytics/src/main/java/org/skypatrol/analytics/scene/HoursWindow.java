package org.skypatrol.analytics.scene;

import java.time.LocalTime;

/** Active hours "HH:MM-HH:MM" in the local time of the frame; a window may wrap past midnight. */
public record HoursWindow(LocalTime from, LocalTime to) {

    public boolean contains(LocalTime t) {
        if (!from.isAfter(to)) {
            return !t.isBefore(from) && t.isBefore(to);
        }
        return !t.isBefore(from) || t.isBefore(to);
    }
}
