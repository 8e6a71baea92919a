package org.skypatrol.gateway.broadcast;

import java.time.Instant;
import java.util.List;

import org.skypatrol.protocols.mqtt.AlertPayload;

/** Alert phases as the analytics publishes them, for the enforcement tests. */
final class Alerts {

    private Alerts() {
    }

    static AlertPayload start(String alertId, String behaviour, String sourceId, String zoneId, Instant t,
                              Double lat, Double lon) {
        return AlertPayload.of(t, alertId, AlertPayload.Phase.START, behaviour, AlertPayload.Severity.MEDIUM, sourceId,
                zoneId, List.of(new AlertPayload.AlertObject(7, "car", new AlertPayload.BoundingBox(10, 10, 40, 20), 0.0)),
                new AlertPayload.GroundPosition(12.0, 30.0, lat, lon), "snap-1.jpg", "clip-1.ts", t);
    }

    static AlertPayload end(AlertPayload start, Instant t) {
        return AlertPayload.of(t, start.alertId(), AlertPayload.Phase.END, start.behaviour(), start.severity(),
                start.sourceId(), start.zoneId(), start.objects(), start.ground(), null, null, start.startedAt());
    }
}
