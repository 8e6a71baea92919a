package org.skypatrol.protocols.mqtt;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code {p}/alerts/{sourceId}} (QoS 1, through the durable outbox): one phase of an alert's lifecycle.
 * An alert has one {@code start}, any number of {@code update}s and one {@code end}, all with the same
 * {@code alertId}. {@code messageId} is assigned by the gateway's outbox when the message is stored and
 * stays the same on every re-delivery: consumers de-duplicate by it (and acknowledge it on the ack topic).
 *
 * @param schema      {@link #SCHEMA}
 * @param time        when this phase happened (frame time for analytics), ISO-8601 UTC
 * @param messageId   stable delivery id (null until the outbox stores it)
 * @param alertId     id shared by all phases of one alert
 * @param phase       start, update or end
 * @param behaviour   risk behaviour id, e.g. {@code illegal_parking} (DESIGN.md, "The risk behaviours")
 * @param severity    info, low, medium, high or critical
 * @param sourceId    camera or drone id whose video raised it
 * @param zoneId      zone of the scene, when the rule is zone-based
 * @param objects     the tracked objects involved
 * @param ground      ground position in scene metres and WGS-84 where known
 * @param snapshotRef reference of the annotated evidence image
 * @param clipRef     reference of the evidence clip (pre/post roll)
 * @param startedAt   when the alert started (same on every phase)
 */
public record AlertPayload(
        String schema,
        Instant time,
        String messageId,
        String alertId,
        Phase phase,
        String behaviour,
        Severity severity,
        String sourceId,
        String zoneId,
        List<AlertObject> objects,
        GroundPosition ground,
        String snapshotRef,
        String clipRef,
        Instant startedAt) {

    public static final String SCHEMA = "skypatrol.alert/1";

    public AlertPayload {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** A new alert phase without a message id (the outbox assigns one). */
    public static AlertPayload of(Instant time, String alertId, Phase phase, String behaviour, Severity severity,
                                  String sourceId, String zoneId, List<AlertObject> objects, GroundPosition ground,
                                  String snapshotRef, String clipRef, Instant startedAt) {
        return new AlertPayload(SCHEMA, time, null, alertId, phase, behaviour, severity, sourceId, zoneId, objects,
                ground, snapshotRef, clipRef, startedAt);
    }

    public AlertPayload withMessageId(String id) {
        return new AlertPayload(schema, time, id, alertId, phase, behaviour, severity, sourceId, zoneId, objects,
                ground, snapshotRef, clipRef, startedAt);
    }

    public enum Phase {
        @JsonProperty("start") START,
        @JsonProperty("update") UPDATE,
        @JsonProperty("end") END
    }

    public enum Severity {
        @JsonProperty("info") INFO,
        @JsonProperty("low") LOW,
        @JsonProperty("medium") MEDIUM,
        @JsonProperty("high") HIGH,
        @JsonProperty("critical") CRITICAL
    }

    /**
     * One tracked object of an alert.
     *
     * @param trackId  tracker id, stable while the object is tracked
     * @param type     object class ({@code car}, {@code truck}, {@code bus}, {@code person}, ...), JSON key {@code class}
     * @param bbox     pixel box in the frame of {@code time}
     * @param speedMps ground speed in metres per second, when known
     */
    public record AlertObject(long trackId, @JsonProperty("class") String type, BoundingBox bbox, Double speedMps) {
    }

    /** A pixel box: left, top, width, height. */
    public record BoundingBox(int x, int y, int width, int height) {
    }

    /** Ground position: metres on the scene's ground plane, and WGS-84 when the camera pose is known. */
    public record GroundPosition(Double xMetres, Double yMetres, Double latitudeDeg, Double longitudeDeg) {
    }
}
