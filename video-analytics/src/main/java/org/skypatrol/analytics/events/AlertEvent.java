package org.skypatrol.analytics.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One alert phase as written to {@code analyze --events} and handed to the gateway (docs/scene-format.md,
 * "Events"). Required contract fields: behaviour, phase, videoTimeSeconds, frame, zoneId, objects.
 *
 * @param alertId          stable id of the alert across its phases ("{sourceId}-{n}")
 * @param sourceId         the scene id (camera or drone source)
 * @param behaviour        behaviour id (snake_case)
 * @param phase            start / update / end
 * @param videoTimeSeconds frame time from the start of the video
 * @param frame            frame index (0-based, counting every decoded frame)
 * @param zoneId           zone or line id for zone-based rules, else null
 * @param severity         low / medium / high
 * @param objects          objects involved
 * @param ground           [x, y] ground metres of the alert, or null
 * @param lat              latitude of the alert, or null
 * @param lon              longitude, or null
 * @param snapshot         path of the annotated evidence JPEG, or null
 * @param detail           one human sentence on why it fired
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"behaviour", "phase", "videoTimeSeconds", "frame", "zoneId", "objects"})
public record AlertEvent(String alertId, String sourceId, String behaviour, Phase phase, double videoTimeSeconds,
                         long frame, String zoneId, String severity, List<AlertObject> objects, List<Double> ground,
                         Double lat, Double lon, String snapshot, String detail) {
    public AlertEvent {
        objects = List.copyOf(objects);
    }
}
