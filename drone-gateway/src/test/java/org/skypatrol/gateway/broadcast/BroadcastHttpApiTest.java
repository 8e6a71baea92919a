package org.skypatrol.gateway.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.testing.Await;

/** The HTTP way in (issue 6): a token is required, requests reach the service, results come back. */
class BroadcastHttpApiTest {

    private static final String TOKEN = "s3cret-token-for-tests";

    @TempDir
    Path dir;

    private final RecordingBus rec = new RecordingBus();
    private final Clock clock = Clock.fixed(Instant.parse("2026-10-01T08:00:00Z"), ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newHttpClient();
    private BroadcastAuditLog audit;
    private BroadcastService service;
    private BroadcastHttpApi api;
    private ScriptedTransport transport;

    @BeforeEach
    void start() throws Exception {
        audit = new BroadcastAuditLog(BroadcastAuditLog.storeUrl(dir));
        audit.start();
        LinkStateDirectory directory = new LinkStateDirectory(rec.bus);
        rec.bus.publish(new DroneStatusEvent("d1", LinkState.ONLINE, clock.instant(), "mavlink"));
        transport = new ScriptedTransport("mavlink", true);
        service = new BroadcastService(BroadcastConfig.defaults(), clock, rec.bus, directory, List.of(transport), audit);
        service.start();
        api = new BroadcastHttpApi(new BroadcastConfig.Http("127.0.0.1", 0, TOKEN), service);
        api.start();
    }

    @AfterEach
    void stop() {
        api.close();
        service.close();
        audit.close();
    }

    @Test
    void post_withToken_broadcastsAndAuditsAsHttp() throws Exception {
        HttpResponse<String> res = post("/api/drones/d1/broadcast", TOKEN,
                "{\"commandId\":\"h1\",\"text\":\"evidence recorded, please move on\",\"volume\":90}");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"commandId\":\"h1\"").contains("\"status\":\"accepted\"");
        Await.until(Duration.ofSeconds(5), () -> rec.reached("h1",
                org.skypatrol.protocols.mqtt.CommandResultPayload.Status.DONE), () -> "h1 done");
        assertThat(audit.history("h1").get(0).source()).isEqualTo("http");
        assertThat(transport.started.get(0).order().commandId()).isEqualTo("h1");

        HttpResponse<String> latest = http.send(HttpRequest.newBuilder(uri("/api/commands/h1"))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).contains("\"status\":\"done\"");
    }

    @Test
    void post_withoutOrWithWrongToken_isRefusedAndNothingPlays() throws Exception {
        assertThat(post("/api/drones/d1/broadcast", null, "{\"text\":\"x\"}").statusCode()).isEqualTo(401);
        assertThat(post("/api/drones/d1/broadcast", "wrong-token-wrong-token", "{\"text\":\"x\"}").statusCode())
                .isEqualTo(401);
        assertThat(api.unauthorized()).isEqualTo(2);
        assertThat(transport.started).isEmpty();
    }

    @Test
    void post_unknownDroneOrBadBody_isAnsweredWithTheReason() throws Exception {
        HttpResponse<String> unknown = post("/api/drones/nosuch/broadcast", TOKEN, "{\"commandId\":\"u1\",\"text\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(unknown.body()).contains("\"status\":\"rejected\"").contains("unknown drone");

        assertThat(post("/api/drones/d1/broadcast", TOKEN, "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> both = post("/api/drones/d1/broadcast", TOKEN, "{\"commandId\":\"b1\",\"text\":\"x\",\"clipId\":2}");
        assertThat(both.statusCode()).isEqualTo(409);
        assertThat(both.body()).contains("exactly one of text and clipId");
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}
