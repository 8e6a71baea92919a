package org.skypatrol.protocols.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.skypatrol.protocols.telemetry.Telemetry;

class PayloadJsonTest {

    private static final Instant T = Instant.parse("2026-11-22T22:50:01.250Z");

    @Test
    void alert_roundTrip_keepsEveryFieldAndUsesWireNames() throws Exception {
        AlertPayload a = AlertPayload.of(T, "al-1", AlertPayload.Phase.START, "illegal_parking",
                AlertPayload.Severity.HIGH, "cam-1", "z1",
                List.of(new AlertPayload.AlertObject(7, "car", new AlertPayload.BoundingBox(1, 2, 30, 40), 0.2)),
                new AlertPayload.GroundPosition(3.5, -2.0, 31.2, 121.5), "snap/1.jpg", "clip/1.mp4", T)
                .withMessageId("gw-1-42");
        byte[] json = PayloadJson.toBytes(a);
        JsonNode tree = PayloadJson.mapper().readTree(json);
        assertThat(tree.get("schema").asText()).isEqualTo("skypatrol.alert/1");
        assertThat(tree.get("time").asText()).isEqualTo("2026-11-22T22:50:01.250Z");
        assertThat(tree.get("phase").asText()).isEqualTo("start");
        assertThat(tree.get("severity").asText()).isEqualTo("high");
        assertThat(tree.get("objects").get(0).get("class").asText()).isEqualTo("car");
        assertThat(PayloadJson.fromBytes(json, AlertPayload.class)).isEqualTo(a);
    }

    @Test
    void telemetry_nullComponents_areAbsentNotZero() throws Exception {
        Telemetry t = new Telemetry("d1", Telemetry.Source.DJI, T, new Telemetry.Position(31.0, 121.0, null, 50.0),
                null, null, null, null, null, null, null, null, null);
        JsonNode tree = PayloadJson.mapper().readTree(PayloadJson.toBytes(TelemetryPayload.of(t)));
        assertThat(tree.has("attitude")).isFalse();
        assertThat(tree.get("position").has("altitudeMslMetres")).isFalse();
        assertThat(tree.get("source").asText()).isEqualTo("dji");
        assertThat(PayloadJson.fromBytes(PayloadJson.toBytes(TelemetryPayload.of(t)), TelemetryPayload.class)
                .toTelemetry()).isEqualTo(t);
    }

    @Test
    void broadcast_unknownFields_tolerated() throws Exception {
        String json = "{\"schema\":\"skypatrol.broadcast-request/1\",\"time\":\"2026-11-22T22:50:01Z\","
                + "\"commandId\":\"c1\",\"text\":\"move on\",\"futureField\":{\"x\":1},\"priority\":\"urgent\"}";
        BroadcastRequestPayload p = PayloadJson.fromBytes(json.getBytes(), BroadcastRequestPayload.class);
        assertThat(p.commandId()).isEqualTo("c1");
        assertThat(p.priorityOrDefault()).isEqualTo(BroadcastRequestPayload.Priority.URGENT);
        assertThat(p.volumeOrDefault()).isEqualTo(80);
    }
}
