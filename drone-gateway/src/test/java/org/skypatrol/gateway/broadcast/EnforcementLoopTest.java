package org.skypatrol.gateway.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.BroadcastSuggestionEvent;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.gateway.testing.MutableClock;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.telemetry.Telemetry;

/** The policy decisions of the enforcement loop (which alerts make a drone speak, and what it says). */
class EnforcementLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T08:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingBus rec = new RecordingBus();
    private final ScriptedTransport speaker = new ScriptedTransport("mavlink", true);
    private final List<BroadcastSuggestionEvent> suggestions = new CopyOnWriteArrayList<>();
    private BroadcastService service;
    private EnforcementLoop loop;

    @BeforeEach
    void setUp() {
        LinkStateDirectory directory = new LinkStateDirectory(rec.bus);
        rec.bus.publish(new DroneStatusEvent("d1", LinkState.ONLINE, clock.instant(), "mavlink"));
        rec.bus.subscribe(BroadcastSuggestionEvent.class, suggestions::add);
        service = new BroadcastService(BroadcastConfig.defaults(), clock, rec.bus, directory, List.of(speaker), null);
        loop = new EnforcementLoop(BroadcastConfig.defaults(), clock, rec.bus, service, directory, scheduler, null);
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    @Test
    void autoPolicy_speaksChineseThenEnglishWithPolicySettings() {
        rec.bus.publish(new AlertEvent(Alerts.start("a1", "pedestrian_on_motorway", "d1", "g6-km12", clock.instant(),
                null, null)));

        Await.until(WAIT, () -> speaker.started.size() == 1, () -> "broadcast");
        SpeakerOrder o = speaker.started.get(0).order();
        assertThat(o.text()).startsWith("高速公路禁止行人进入").contains("Pedestrians are not allowed on the motorway");
        assertThat(o.volumePercent()).isEqualTo(100);
        assertThat(o.repeat()).isEqualTo(3);
        assertThat(o.commandId()).isEqualTo("alert-a1");
    }

    @Test
    void confirmPolicy_suggestsWithoutSpeaking() {
        rec.bus.publish(new AlertEvent(Alerts.start("a2", "crowd_gathering", "d1", "square", clock.instant(), null,
                null)));

        assertThat(suggestions).singleElement().satisfies(s -> {
            assertThat(s.alertId()).isEqualTo("a2");
            assertThat(s.droneId()).isEqualTo("d1");
            assertThat(s.text()).contains("请勿聚集");
        });
        assertThat(loop.broadcastsRequested()).isZero();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void cooldownPerZoneAndDrone_secondAlertSilentUntilItPasses() {
        rec.bus.publish(new AlertEvent(Alerts.start("p1", "illegal_parking", "d1", "ramp", clock.instant(), null, null)));
        clock.advance(Duration.ofSeconds(60));
        rec.bus.publish(new AlertEvent(Alerts.start("p2", "illegal_parking", "d1", "ramp", clock.instant(), null, null)));
        rec.bus.publish(new AlertEvent(Alerts.start("p3", "illegal_parking", "d1", "gate", clock.instant(), null, null)));
        clock.advance(Duration.ofSeconds(300));
        rec.bus.publish(new AlertEvent(Alerts.start("p4", "illegal_parking", "d1", "ramp", clock.instant(), null, null)));

        assertThat(loop.broadcastsRequested()).isEqualTo(3);       // p1, p3 (other zone), p4 (after 300 s)
        assertThat(loop.skippedCooldown.get()).isEqualTo(1);
    }

    @Test
    void cameraLooksElsewhere_noBroadcast_cameraSeesIt_broadcast() {
        // drone at 120 m over 38.5N 106.2E, camera straight down with a 60x45 degree field of view
        rec.bus.publish(new TelemetryEvent(pose(-90, 0)));
        double lat = 38.5 + 0.0002;                                // ~22 m north: inside the footprint
        rec.bus.publish(new AlertEvent(Alerts.start("v1", "illegal_parking", "d1", "z1", clock.instant(), lat, 106.2)));
        double far = 38.5 + 0.01;                                  // ~1.1 km north: outside
        rec.bus.publish(new AlertEvent(Alerts.start("v2", "illegal_parking", "d1", "z2", clock.instant(), far, 106.2)));

        assertThat(loop.broadcastsRequested()).isEqualTo(1);
        assertThat(loop.skippedNotInView.get()).isEqualTo(1);
    }

    @Test
    void noPolicyOrNoDrone_ignored() {
        rec.bus.publish(new AlertEvent(Alerts.start("n1", "speeding", "d1", "z", clock.instant(), null, null)));
        rec.bus.publish(new AlertEvent(Alerts.start("n2", "illegal_parking", "cam-7", "z", clock.instant(), null, null)));

        assertThat(loop.broadcastsRequested()).isZero();
        assertThat(loop.skippedNoPolicy.get()).isEqualTo(1);
        assertThat(loop.skippedNoDrone.get()).isEqualTo(1);
    }

    @Test
    void redeliveredAlertStart_oneBroadcast() {
        AlertPayload a = Alerts.start("r1", "illegal_parking", "d1", "z", clock.instant(), null, null);
        rec.bus.publish(new AlertEvent(a));
        rec.bus.publish(new AlertEvent(a));

        Await.until(WAIT, () -> rec.reached("alert-r1", org.skypatrol.protocols.mqtt.CommandResultPayload.Status.DONE),
                () -> "done");
        assertThat(speaker.started).hasSize(1);
    }

    private Telemetry pose(double gimbalPitch, double gimbalYaw) {
        return new Telemetry("d1", Telemetry.Source.MAVLINK, clock.instant(),
                new Telemetry.Position(38.5, 106.2, 1220.0, 120.0), 0.0, null, null, null, null, null, null,
                new Telemetry.Gimbal(0, gimbalPitch, gimbalYaw), new Telemetry.CameraFov(60, 45));
    }
}
