package org.skypatrol.gateway.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.ACCEPTED;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.DELIVERED;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.DONE;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.FAILED;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.PLAYING;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.REJECTED;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.TIMEOUT;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.testing.Await;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.broadcast.BroadcastRequest.Source;
import org.skypatrol.gateway.broadcast.DroneSpeakerTransport.Stage;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;

class BroadcastServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final RecordingBus rec = new RecordingBus();
    private final Clock clock = Clock.fixed(Instant.parse("2026-10-01T08:00:00Z"), ZoneOffset.UTC);
    private BroadcastService service;
    private BroadcastAuditLog audit;

    private BroadcastService service(BroadcastConfig config, DroneSpeakerTransport transport) throws Exception {
        audit = new BroadcastAuditLog(BroadcastAuditLog.storeUrl(dir));
        audit.start();
        LinkStateDirectory directory = new LinkStateDirectory(rec.bus);
        rec.bus.publish(new DroneStatusEvent("d1", LinkState.ONLINE, clock.instant(), "mavlink"));
        rec.bus.publish(new DroneStatusEvent("d2", LinkState.OFFLINE, clock.instant(), "mavlink"));
        service = new BroadcastService(config, clock, rec.bus, directory, List.of(transport), audit);
        service.start();
        return service;
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
        if (audit != null) {
            audit.close();
        }
    }

    private static CommandResultEvent get(java.util.concurrent.CompletableFuture<CommandResultEvent> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void submit_onlineDrone_goesThroughEveryStateAndIsAudited() throws Exception {
        service(BroadcastConfig.defaults(), new ScriptedTransport("mavlink", true));
        CommandResultEvent first = get(service.submit(BroadcastRequest.text("c1", "d1", "请驶离", Source.CLI)));

        assertThat(first.status()).isEqualTo(ACCEPTED);
        Await.until(WAIT, () -> rec.reached("c1", DONE), () -> "c1 done");
        assertThat(rec.statuses("c1")).containsExactly(ACCEPTED, DELIVERED, PLAYING, DONE);
        assertThat(audit.history("c1")).extracting(BroadcastAuditLog.Row::status)
                .containsExactly("accepted", "delivered", "playing", "done");
        assertThat(audit.history("c1").get(0)).satisfies(r -> {
            assertThat(r.source()).isEqualTo("cli");
            assertThat(r.text()).isEqualTo("请驶离");
            assertThat(r.droneId()).isEqualTo("d1");
            assertThat(r.time()).isEqualTo(clock.instant());
        });
    }

    /** FAULTS L2: a QoS 1 redelivery of the same command must not make the drone speak twice. */
    @Test
    void submit_duplicateCommandId_executesOnceAndAnswersCachedResult() throws Exception {
        ScriptedTransport t = new ScriptedTransport("mavlink", true);
        service(BroadcastConfig.defaults(), t);
        get(service.submit(BroadcastRequest.text("dup", "d1", "move on", Source.MQTT)));
        Await.until(WAIT, () -> rec.reached("dup", DONE), () -> "first done");

        CommandResultEvent second = get(service.submit(BroadcastRequest.text("dup", "d1", "move on", Source.MQTT)));

        assertThat(second.status()).isEqualTo(DONE);
        assertThat(t.started).hasSize(1);
        assertThat(service.counters().duplicates()).isEqualTo(1);
        assertThat(audit.history("dup")).hasSize(4);
    }

    /** FAULTS L2 while the first copy is still in flight: the repeat answers the current state. */
    @Test
    void submit_duplicateWhilePlaying_answersCurrentState() throws Exception {
        ScriptedTransport t = new ScriptedTransport("mavlink", false);
        service(BroadcastConfig.defaults(), t);
        get(service.submit(BroadcastRequest.text("dup2", "d1", "move on", Source.MQTT)));
        Await.until(WAIT, () -> t.started.size() == 1, () -> "started");
        t.started.get(0).report(Stage.DELIVERED);
        Await.until(WAIT, () -> rec.reached("dup2", DELIVERED), () -> "delivered");

        CommandResultEvent second = get(service.submit(BroadcastRequest.text("dup2", "d1", "move on", Source.MQTT)));

        assertThat(second.status()).isEqualTo(DELIVERED);
        assertThat(t.started).hasSize(1);
    }

    /** FAULTS L3: unknown and offline drones get an immediate negative answer, never a queue. */
    @Test
    void submit_unknownOrOfflineDrone_negativeAtOnce() throws Exception {
        ScriptedTransport t = new ScriptedTransport("mavlink", true);
        service(BroadcastConfig.defaults(), t);

        CommandResultEvent unknown = get(service.submit(BroadcastRequest.text("u1", "nobody", "hi", Source.MQTT)));
        CommandResultEvent offline = get(service.submit(BroadcastRequest.text("o1", "d2", "hi", Source.MQTT)));

        assertThat(unknown.status()).isEqualTo(REJECTED);
        assertThat(unknown.reason()).isEqualTo("unknown drone");
        assertThat(offline.status()).isEqualTo(FAILED);
        assertThat(offline.reason()).isEqualTo("offline");
        assertThat(t.started).isEmpty();
        assertThat(audit.history("o1")).extracting(BroadcastAuditLog.Row::reason).containsExactly("offline");
    }

    /** FAULTS L4 (gateway side): a request with a wrong app-level signature is refused and audited. */
    @Test
    void submit_badSignature_rejectedAndAudited() throws Exception {
        String key = "0123456789abcdef-key";
        BroadcastConfig c = withKeys(BroadcastConfig.defaults(), List.of(key));
        ScriptedTransport t = new ScriptedTransport("mavlink", true);
        service(c, t);
        BroadcastRequest forged = BroadcastRequest.text("f1", "d1", "fake order", Source.MQTT)
                .withSignature(RequestSignature.sign(BroadcastRequest.text("f1", "d1", "other", Source.MQTT), key));
        BroadcastRequest unsigned = BroadcastRequest.text("f2", "d1", "fake order", Source.MQTT);
        BroadcastRequest good = BroadcastRequest.text("g1", "d1", "real order", Source.MQTT);
        good = good.withSignature(RequestSignature.sign(good, key));

        assertThat(get(service.submit(forged)).status()).isEqualTo(REJECTED);
        assertThat(get(service.submit(unsigned)).status()).isEqualTo(REJECTED);
        assertThat(get(service.submit(good)).status()).isEqualTo(ACCEPTED);

        assertThat(service.counters().unauthorised()).isEqualTo(2);
        assertThat(audit.history("f1")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("rejected");
            assertThat(r.reason()).startsWith("unauthorised");
            assertThat(r.text()).isEqualTo("fake order");
        });
        Await.until(WAIT, () -> t.started.size() == 1, () -> "only the signed one plays");
        assertThat(t.started.get(0).order().commandId()).isEqualTo("g1");
    }

    @Test
    void submit_higherPriority_preemptsPlayingOne() throws Exception {
        ScriptedTransport t = new ScriptedTransport("mavlink", false);
        service(BroadcastConfig.defaults(), t);
        get(service.submit(BroadcastRequest.text("low", "d1", "routine notice", Source.POLICY).withPriority(2)));
        Await.until(WAIT, () -> t.started.size() == 1, () -> "low started");
        t.started.get(0).report(Stage.PLAYING);

        CommandResultEvent high = get(service.submit(
                BroadcastRequest.text("high", "d1", "pedestrian on motorway", Source.CLI).withPriority(9)));

        assertThat(high.status()).isEqualTo(ACCEPTED);
        Await.until(WAIT, () -> t.started.size() == 2, () -> "high started");
        assertThat(t.started.get(0).stops()).hasValue(1);
        assertThat(rec.last("low").status()).isEqualTo(FAILED);
        assertThat(rec.last("low").reason()).isEqualTo("preempted by high");
        t.started.get(1).report(Stage.DONE);
        Await.until(WAIT, () -> rec.reached("high", DONE), () -> "high done");
        // a late ack of the pre-empted broadcast changes nothing
        t.started.get(0).report(Stage.DONE);
        assertThat(service.latest("low").orElseThrow().status()).isEqualTo(FAILED);
    }

    @Test
    void submit_lowerPriority_waitsThenPlays() throws Exception {
        ScriptedTransport t = new ScriptedTransport("mavlink", false);
        service(BroadcastConfig.defaults(), t);
        get(service.submit(BroadcastRequest.text("a", "d1", "first", Source.CLI).withPriority(5)));
        get(service.submit(BroadcastRequest.text("b", "d1", "second", Source.CLI).withPriority(5)));
        Await.until(WAIT, () -> t.started.size() == 1, () -> "a started");
        assertThat(t.started).hasSize(1);

        t.started.get(0).report(Stage.DONE);

        Await.until(WAIT, () -> t.started.size() == 2, () -> "b started after a");
        assertThat(t.started.get(1).order().commandId()).isEqualTo("b");
    }

    @Test
    void submit_limits_textLengthAndRatePerDrone() throws Exception {
        BroadcastConfig d = BroadcastConfig.defaults();
        BroadcastConfig c = new BroadcastConfig(true, 10, 2, d.defaultTtlSeconds(), 80, 4, List.of(), d.mavlink(),
                d.dji(), 300, 1, true, "zh+en", List.of(), d.http());
        ScriptedTransport t = new ScriptedTransport("mavlink", true);
        service(c, t);

        CommandResultEvent tooLong = get(service.submit(BroadcastRequest.text("l1", "d1", "12345678901", Source.CLI)));
        assertThat(tooLong.status()).isEqualTo(REJECTED);
        assertThat(tooLong.reason()).startsWith("text too long");

        assertThat(get(service.submit(BroadcastRequest.text("r1", "d1", "one", Source.CLI))).status()).isEqualTo(ACCEPTED);
        assertThat(get(service.submit(BroadcastRequest.text("r2", "d1", "two", Source.CLI))).status()).isEqualTo(ACCEPTED);
        CommandResultEvent third = get(service.submit(BroadcastRequest.text("r3", "d1", "three", Source.CLI)));
        assertThat(third.status()).isEqualTo(REJECTED);
        assertThat(third.reason()).startsWith("rate limited");
        assertThat(service.counters().rateLimited()).isEqualTo(1);
    }

    @Test
    void submit_noAnswerWithinTtl_timesOutAndStops() throws Exception {
        ScriptedTransport t = new ScriptedTransport("mavlink", false);
        service(BroadcastConfig.defaults(), t);

        get(service.submit(BroadcastRequest.text("t1", "d1", "hello", Source.CLI).withTtl(Duration.ofMillis(100))));

        Await.until(WAIT, () -> rec.reached("t1", TIMEOUT), () -> "ttl timeout");
        assertThat(rec.last("t1").reason()).contains("ttl expired");
        assertThat(t.started.get(0).stops()).hasValue(1);
    }

    static BroadcastConfig withKeys(BroadcastConfig d, List<String> keys) {
        return new BroadcastConfig(d.enabled(), d.maxTextLength(), d.maxPerDronePerMinute(), d.defaultTtlSeconds(),
                d.defaultVolumePercent(), d.queuePerDrone(), keys, d.mavlink(), d.dji(), d.recheckGraceSeconds(),
                d.maxEscalations(), d.requireCameraView(), d.language(), d.policies(), d.http());
    }
}
