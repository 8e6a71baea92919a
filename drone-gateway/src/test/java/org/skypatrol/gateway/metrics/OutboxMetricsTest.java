package org.skypatrol.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.broadcast.BroadcastRequest;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.gateway.testing.Mosquitto;
import org.skypatrol.gateway.testing.MutableClock;

/**
 * The metrics an "outbox growing" alert watches, through a real outage: a Mosquitto started by the
 * test is stopped, a command result is stored while the broker is away, the gateway's clock moves
 * on, and the broker comes back. Depth and age must follow exactly, and drain to zero.
 */
class OutboxMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Mosquitto broker;
    private Wiring wiring;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        if (wiring != null) {
            wiring.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Exposition scrape() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + wiring.metricsServer().port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return Exposition.parse(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void brokerDown_resultHeld_depthAndAgeExact_thenDrained() throws Exception {
        broker = Mosquitto.plain(dir.resolve("broker")).start();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("gateway.dataDir", dir.resolve("var").toString());
        sets.put("mavlink.endpoints.0.port", "0");
        sets.put("mavlink.endpoints.0.bind", "127.0.0.1");
        sets.put("mavlink.endpoints.1.port", "0");
        sets.put("mavlink.endpoints.1.bind", "127.0.0.1");
        sets.put("mqtt.url", broker.url());
        sets.put("mqtt.reconnectMaxSeconds", "1");
        sets.put("video.enabled", "false");
        sets.put("metrics.port", "0");
        wiring = new Wiring(new ConfigLoader().load(null, sets), clock);
        wiring.start();
        Await.until(WAIT, () -> scrape().value("skypatrol_mqtt_connected") == 1, () -> "connected");
        Exposition before = scrape();
        assertThat(before.value("skypatrol_outbox_pending_messages")).isZero();

        broker.terminate();
        Await.until(WAIT, () -> scrape().value("skypatrol_mqtt_connected") == 0, () -> "outage seen");
        // a broadcast to a drone nobody knows: rejected at once; its result waits in the outbox
        assertThat(wiring.broadcasts().submit(new BroadcastRequest("cmd-outage-1", "nobody", "hello", null, 80, 1,
                false, 5, null, BroadcastRequest.Source.CLI, null)).get(WAIT.toSeconds(), TimeUnit.SECONDS)
                .status().name()).isEqualTo("REJECTED");
        Await.until(WAIT, () -> scrape().value("skypatrol_outbox_pending_messages") == 1, () -> "result stored");
        assertThat(scrape().value("skypatrol_outbox_oldest_age_seconds")).isZero();

        clock.advance(Duration.ofSeconds(90));
        Exposition held = scrape();
        assertThat(held.value("skypatrol_outbox_oldest_age_seconds")).isEqualTo(90.0);
        assertThat(held.value("skypatrol_outbox_pending_messages")).isEqualTo(1);
        assertThat(held.value("skypatrol_outbox_used_bytes")).isPositive();
        assertThat(held.value("skypatrol_outbox_delivered_messages_total"))
                .isEqualTo(before.value("skypatrol_outbox_delivered_messages_total"));
        assertThat(held.value("skypatrol_mqtt_disconnects_total") - before.value("skypatrol_mqtt_disconnects_total"))
                .isEqualTo(1);

        broker.start(); // same port
        Await.until(WAIT, () -> scrape().value("skypatrol_outbox_pending_messages") == 0, () -> "drained");
        Exposition after = scrape();
        assertThat(after.value("skypatrol_mqtt_connected")).isEqualTo(1);
        assertThat(after.value("skypatrol_outbox_oldest_age_seconds")).isZero();
        assertThat(after.value("skypatrol_outbox_delivered_messages_total")
                - before.value("skypatrol_outbox_delivered_messages_total")).isEqualTo(1);
        assertThat(after.value("skypatrol_mqtt_connects_total") - before.value("skypatrol_mqtt_connects_total"))
                .isEqualTo(1);
    }
}
