package org.skypatrol.analytics.scene;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Kinds of zone a scene file may declare (docs/scene-format.md). */
public enum ZoneKind {
    LANE, EMERGENCY_LANE, BUS_LANE, NO_TRUCKS, MOTORWAY, NO_PARKING, NO_U_TURN, INTERSECTION, RESTRICTED, WATCH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Kinds that are running lanes of traffic (abnormal stops, congestion, debris, speeding apply). */
    public boolean isRunningLane() {
        return this == LANE || this == BUS_LANE || this == NO_TRUCKS;
    }

    public static Optional<ZoneKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }
}
