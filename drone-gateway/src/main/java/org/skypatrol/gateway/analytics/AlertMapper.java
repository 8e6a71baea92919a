package org.skypatrol.gateway.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.skypatrol.analytics.events.AlertEvent;
import org.skypatrol.analytics.events.AlertObject;
import org.skypatrol.protocols.mqtt.AlertPayload;

/**
 * Turns the library's alert phases into the gateway's {@link AlertPayload} (the MQTT contract,
 * {@code skypatrol.alert/1}). Pure: all context is passed in.
 */
final class AlertMapper {

    private AlertMapper() {
    }

    /**
     * A gateway-wide alert id: the library numbers alerts per pipeline ("{scene}-{n}"), which would
     * repeat after a restart, so the id carries the source and the run ({@code runTag}).
     */
    static String alertId(String sourceId, String runTag, String libraryId) {
        int dash = libraryId.lastIndexOf('-');
        return sourceId + "-" + runTag + "-" + (dash < 0 ? libraryId : libraryId.substring(dash + 1));
    }

    /**
     * The clip reference of a source that is not recorded (no evidence export): the source and the
     * time range (pre- and post-roll around the alert) to export from wherever it was recorded, as
     * {@code recording:{sourceId}/{from}/{to}} with ISO-8601 UTC times (docs/live-analytics.md).
     */
    static String clipRef(String sourceId, Instant start, Duration preRoll, Duration postRoll) {
        return "recording:" + sourceId + "/" + start.minus(preRoll).truncatedTo(ChronoUnit.MILLIS) + "/"
                + start.plus(postRoll).truncatedTo(ChronoUnit.MILLIS);
    }

    static AlertPayload.Phase phase(org.skypatrol.analytics.events.Phase p) {
        return switch (p) {
            case START -> AlertPayload.Phase.START;
            case UPDATE -> AlertPayload.Phase.UPDATE;
            case END -> AlertPayload.Phase.END;
        };
    }

    /** low/medium/high (and any later addition of the contract's values); unknown values are medium. */
    static AlertPayload.Severity severity(String s) {
        if (s == null) {
            return AlertPayload.Severity.MEDIUM;
        }
        try {
            return AlertPayload.Severity.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return AlertPayload.Severity.MEDIUM;
        }
    }

    /**
     * @param time        the frame's wall-clock time
     * @param startedAt   when the alert started
     * @param snapshotRef snapshot path, or null
     */
    static AlertPayload toPayload(AlertEvent e, String sourceId, String alertId, Instant time, Instant startedAt,
                                  String snapshotRef, String clipRef) {
        List<AlertPayload.AlertObject> objects = new ArrayList<>();
        for (AlertObject o : e.objects()) {
            AlertPayload.BoundingBox box = o.bbox() != null && o.bbox().size() == 4
                    ? new AlertPayload.BoundingBox(o.bbox().get(0), o.bbox().get(1), o.bbox().get(2), o.bbox().get(3))
                    : null;
            objects.add(new AlertPayload.AlertObject(o.trackId(), o.cls(), box, o.speedMps()));
        }
        AlertPayload.GroundPosition ground = e.ground() == null && e.lat() == null ? null
                : new AlertPayload.GroundPosition(e.ground() == null ? null : e.ground().get(0),
                        e.ground() == null ? null : e.ground().get(1), e.lat(), e.lon());
        return AlertPayload.of(time, alertId, phase(e.phase()), e.behaviour(), severity(e.severity()), sourceId,
                e.zoneId(), objects, ground, snapshotRef, clipRef, startedAt);
    }
}
