package org.skypatrol.gateway.broadcast;

import org.skypatrol.gateway.testing.Mosquitto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.AlertEscalationEvent;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.events.EnforcementOutcomeEvent;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.gateway.testing.MutableClock;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.mqtt.CommandResultPayload.Status;
import org.skypatrol.samples.dji.DjiSpeakerSimulator;

/**
 * The whole loop over each real transport: an alert from the drone's video → the policy's
 * broadcast → the loudspeaker's ack → the re-check 5 minutes later (driven by a manual clock) →
 * escalation when the vehicle is still there, "complied" when it left.
 */
class EnforcementEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(8);

    @TempDir
    static Path brokerDir;
    @TempDir
    Path dir;

    private static Mosquitto broker;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T08:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ScheduledExecutorService transportTimers = Executors.newSingleThreadScheduledExecutor();
    private final RecordingBus rec = new RecordingBus();
    private final List<AlertEscalationEvent> escalations = new CopyOnWriteArrayList<>();
    private final List<EnforcementOutcomeEvent> outcomes = new CopyOnWriteArrayList<>();
    private final List<AlertPayload> alertUpdates = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
    private BroadcastService service;
    private EnforcementLoop loop;
    private BroadcastAuditLog audit;
    private String droneId;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.plain(brokerDir).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        loop.close();
        service.close();
        audit.close();
        for (AutoCloseable c : closing) {
            c.close();
        }
        transportTimers.shutdownNow();
    }

    /** Builds the drone side and the gateway side for one transport. */
    private void rig(String kind) throws Exception {
        DroneSpeakerTransport transport;
        String linkName;
        if (kind.startsWith("mavlink")) {
            droneId = "patrol-1";
            MavlinkUdpPair pair = new MavlinkUdpPair(droneId, 3,
                    kind.equals("mavlink-signed") ? MavlinkSigningKey.fromPassphrase("loop key") : null);
            closing.add(pair);
            Await.until(WAIT, pair::droneHeard, () -> "drone heard");
            MavlinkSpeakerTransport t = new MavlinkSpeakerTransport(pair, BroadcastConfig.defaults().mavlink(),
                    transportTimers);
            pair.onInbound((compid, m) -> t.onMessage(droneId, compid, m));
            transport = t;
            linkName = "mavlink";
        } else {
            droneId = "DOCK-3";
            DjiSpeakerSimulator dock = new DjiSpeakerSimulator(broker.url(), droneId);
            dock.start();
            closing.add(dock);
            PahoDjiSpeakerLink link = new PahoDjiSpeakerLink(broker::url, "gw-loop-" + System.nanoTime(),
                    droneId::equals);
            DjiSpeakerTransport t = new DjiSpeakerTransport(link, BroadcastConfig.defaults().dji(), transportTimers,
                    clock);
            link.attach(t);
            link.start();
            closing.add(0, link);
            transport = t;
            linkName = "dji";
        }
        audit = new BroadcastAuditLog(BroadcastAuditLog.storeUrl(dir));
        audit.start();
        LinkStateDirectory directory = new LinkStateDirectory(rec.bus);
        rec.bus.publish(new DroneStatusEvent(droneId, LinkState.ONLINE, clock.instant(), linkName));
        rec.bus.subscribe(AlertEscalationEvent.class, escalations::add);
        rec.bus.subscribe(EnforcementOutcomeEvent.class, outcomes::add);
        rec.bus.subscribe(AlertEvent.class, e -> {
            if (e.alert().phase() == AlertPayload.Phase.UPDATE) {
                alertUpdates.add(e.alert());
            }
        });
        BroadcastConfig config = BroadcastConfig.defaults();
        service = new BroadcastService(config, clock, rec.bus, directory, List.of(transport), audit);
        service.start();
        loop = new EnforcementLoop(config, clock, rec.bus, service, directory, scheduler, audit);
        loop.start();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mavlink", "mavlink-signed", "dji"})
    void parkedCarStillThere_broadcastAckedThenEscalated(String kind) throws Exception {
        rig(kind);
        AlertPayload start = Alerts.start("a-1", "illegal_parking", droneId, "ramp-3", clock.instant(), null, null);
        clock.advance(Duration.ofMillis(200));     // the alert reaches the loop a moment after the frame

        rec.bus.publish(new AlertEvent(start));

        Await.until(WAIT, () -> rec.reached("alert-a-1", Status.DONE), () -> "broadcast done, got "
                + rec.statuses("alert-a-1"));
        assertThat(rec.statuses("alert-a-1")).containsSubsequence(Status.ACCEPTED, Status.DELIVERED, Status.DONE);
        scheduler.advance(Duration.ofMinutes(4));
        assertThat(escalations).isEmpty();

        scheduler.advance(Duration.ofMinutes(1));          // 5 minutes after the broadcast: still there

        assertThat(escalations).singleElement().satisfies(e -> {
            assertThat(e.alertId()).isEqualTo("a-1");
            assertThat(e.severity()).isEqualTo(AlertPayload.Severity.HIGH);
            assertThat(e.escalation()).isEqualTo(1);
        });
        assertThat(alertUpdates).singleElement().satisfies(u -> {
            assertThat(u.alertId()).isEqualTo("a-1");
            assertThat(u.severity()).isEqualTo(AlertPayload.Severity.HIGH);
        });
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(EnforcementOutcomeEvent.Outcome.ESCALATED);
            assertThat(o.detectedAt()).isEqualTo(start.startedAt());
            assertThat(o.broadcastAt()).isEqualTo(start.startedAt().plusMillis(200));
            assertThat(o.acknowledgedAt()).isNotNull().isAfterOrEqualTo(o.broadcastAt());
            assertThat(o.outcomeAt()).isEqualTo(o.broadcastAt().plus(Duration.ofMinutes(5)));
        });
        BroadcastAuditLog.IncidentRow row = audit.incident("a-1");
        assertThat(row.outcome()).isEqualTo("escalated");
        assertThat(row.commandId()).isEqualTo("alert-a-1");
        assertThat(audit.history("alert-a-1")).extracting(BroadcastAuditLog.Row::source).containsOnly("policy");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mavlink", "mavlink-signed", "dji"})
    void driverLeavesAfterBroadcast_compliedNoEscalation(String kind) throws Exception {
        rig(kind);
        AlertPayload start = Alerts.start("a-2", "emergency_lane_occupation", droneId, "shoulder-n", clock.instant(),
                null, null);
        rec.bus.publish(new AlertEvent(start));
        Await.until(WAIT, () -> rec.reached("alert-a-2", Status.DONE), () -> "broadcast done");

        scheduler.advance(Duration.ofSeconds(40));         // the car drives off 40 s after the voice
        rec.bus.publish(new AlertEvent(Alerts.end(start, clock.instant())));
        scheduler.advance(Duration.ofMinutes(10));

        assertThat(escalations).isEmpty();
        assertThat(alertUpdates).isEmpty();
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(EnforcementOutcomeEvent.Outcome.COMPLIED);
            assertThat(Duration.between(o.broadcastAt(), o.outcomeAt())).isEqualTo(Duration.ofSeconds(40));
        });
        assertThat(audit.incident("a-2").outcome()).isEqualTo("complied");
        assertThat(loop.openIncidents()).isZero();
    }
}
