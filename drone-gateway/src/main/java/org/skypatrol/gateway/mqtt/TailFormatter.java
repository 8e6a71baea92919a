package org.skypatrol.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.skypatrol.protocols.mqtt.PayloadJson;
import org.skypatrol.protocols.mqtt.TopicRoute;
import org.skypatrol.protocols.mqtt.Topics;

/**
 * One console line per message of the topic tree, for {@code skypatrol mqtt tail}: the kind, the id
 * and the fields an operator looks at; anything unexpected is shown raw (truncated), never hidden.
 */
public final class TailFormatter {

    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int RAW_MAX = 200;

    private final Topics topics;

    public TailFormatter(Topics topics) {
        this.topics = topics;
    }

    public String format(java.time.Instant receivedAt, String topic, byte[] payload, boolean retained) {
        String head = HMS.format(receivedAt) + (retained ? " R " : "   ");
        TopicRoute r = topics.parse(topic).orElse(null);
        JsonNode j;
        try {
            j = PayloadJson.mapper().readTree(payload);
        } catch (java.io.IOException e) {
            j = null;
        }
        if (r == null || j == null || !j.isObject()) {
            return head + topic + "  " + raw(payload);
        }
        String body;
        if (r instanceof TopicRoute.Telemetry) {
            body = String.format(Locale.ROOT, "TELEMETRY %-14s %s lat %s lon %s alt %sm hdg %s gs %sm/s batt %s%% mode %s",
                    r.id(), j.path("source").asText("?"), num(j.at("/position/latitudeDeg"), 6),
                    num(j.at("/position/longitudeDeg"), 6), num(j.at("/position/altitudeRelativeMetres"), 1),
                    num(j.path("headingDeg"), 0), num(j.at("/velocity/groundSpeedMps"), 1),
                    num(j.at("/battery/remainingPercent"), 0), j.path("flightMode").asText("-"));
        } else if (r instanceof TopicRoute.DroneStatus) {
            body = String.format(Locale.ROOT, "DRONE     %-14s %s via %s, last seen %s", r.id(),
                    j.path("state").asText("?").toUpperCase(Locale.ROOT), j.path("transport").asText("?"),
                    j.path("lastSeen").asText("-"));
        } else if (r instanceof TopicRoute.CameraStatus) {
            body = String.format(Locale.ROOT, "CAMERA    %-14s %s %s fps", r.id(),
                    j.path("state").asText("?").toUpperCase(Locale.ROOT), num(j.path("fps"), 1));
        } else if (r instanceof TopicRoute.GatewayStatus) {
            body = String.format(Locale.ROOT, "GATEWAY   %-14s %s %s", r.id(),
                    j.path("state").asText("?").toUpperCase(Locale.ROOT), j.path("version").asText(""));
        } else if (r instanceof TopicRoute.Alerts) {
            body = String.format(Locale.ROOT, "ALERT     %-14s %s %s %s [%s] zone %s objects %d id %s", r.id(),
                    j.path("phase").asText("?").toUpperCase(Locale.ROOT), j.path("behaviour").asText("?"),
                    j.path("severity").asText("?"), j.path("alertId").asText("?"), j.path("zoneId").asText("-"),
                    j.path("objects").size(), j.path("messageId").asText("-"));
        } else if (r instanceof TopicRoute.BroadcastCommand) {
            body = String.format(Locale.ROOT, "COMMAND > %-14s %s \"%s\"", r.id(), j.path("commandId").asText("?"),
                    j.has("text") ? j.path("text").asText() : "clip " + j.path("clipId").asText("?"));
        } else if (r instanceof TopicRoute.CommandResult) {
            body = String.format(Locale.ROOT, "RESULT  < %-14s %s %s%s", r.id(), j.path("commandId").asText("?"),
                    j.path("status").asText("?").toUpperCase(Locale.ROOT),
                    j.has("reason") ? " (" + j.path("reason").asText() + ")" : "");
        } else if (r instanceof TopicRoute.GatewayAcks) {
            body = String.format(Locale.ROOT, "ACK     > %-14s %d message(s)", r.id(), j.path("messageIds").size());
        } else {
            body = topic + "  " + raw(payload);
        }
        return head + body;
    }

    private static String num(JsonNode n, int decimals) {
        return n == null || !n.isNumber() ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", n.asDouble());
    }

    private static String raw(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8).replace('\n', ' ');
        return s.length() > RAW_MAX ? s.substring(0, RAW_MAX) + "... (" + payload.length + " bytes)" : s;
    }
}
