package org.skypatrol.gateway.mavlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.drones.DroneInfo;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.mavlink.CommandLong;
import org.skypatrol.protocols.mavlink.GlobalPositionInt;
import org.skypatrol.protocols.mavlink.MavlinkCounter;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.MavlinkVersion;
import org.skypatrol.protocols.telemetry.Telemetry;
import org.skypatrol.samples.drone.CommandResponder;
import org.skypatrol.samples.drone.DroneComponent;
import org.skypatrol.samples.drone.DroneSimulator;
import org.skypatrol.samples.drone.FlightState;
import org.skypatrol.samples.drone.PatrolFlight;
import org.skypatrol.samples.drone.SimulatorOptions;

/** The simulator and the gateway over real loopback sockets (UDP and TCP, port 0). */
class MavlinkEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    @Test
    void udp_threeDrones_onlineWithTelemetryInSiUnits() throws Exception {
        GatewayHarness gw = track(new GatewayHarness(GatewayHarness.loopback()));
        // the simulator's clock is frozen at 100 s after take-off, so the expected state is known exactly
        DroneSimulator sim = track(new DroneSimulator(SimulatorOptions.udp(3, gw.address("udp")).withClock(() -> 100.0)).start());

        Await.until(WAIT, () -> gw.registry.all().size() == 3
                && gw.registry.all().stream().allMatch(d -> d.state() == LinkState.ONLINE), () -> "" + gw.registry.all());
        for (int i = 0; i < 3; i++) {
            String id = "udp-" + (i + 1);
            Await.until(WAIT, () -> complete(gw.gateway.normaliser().latest(id).orElse(null)), () -> "telemetry of " + id);
            Telemetry t = gw.gateway.normaliser().latest(id).orElseThrow();
            FlightState expected = PatrolFlight.g110(i, 3).at(100.0);
            assertThat(t.source()).isEqualTo(Telemetry.Source.MAVLINK);
            assertThat(t.position().latitudeDeg()).isCloseTo(expected.latitudeDeg(), within(1e-7));
            assertThat(t.position().longitudeDeg()).isCloseTo(expected.longitudeDeg(), within(1e-7));
            assertThat(t.position().altitudeMslMetres()).isCloseTo(1230.0, within(1e-3));
            assertThat(t.position().altitudeRelativeMetres()).isCloseTo(120.0, within(1e-3));
            assertThat(t.headingDeg()).isCloseTo(expected.yawDeg(), within(0.01));
            assertThat(t.attitude().rollDeg()).isCloseTo(expected.rollDeg(), within(1e-3));
            assertThat(t.attitude().pitchDeg()).isCloseTo(-3.0, within(1e-3));
            assertThat(t.attitude().yawDeg()).isCloseTo(expected.yawDeg(), within(1e-3));
            assertThat(t.velocity().northMps()).isCloseTo(expected.northMps(), within(0.01));
            assertThat(t.velocity().eastMps()).isCloseTo(expected.eastMps(), within(0.01));
            assertThat(t.velocity().groundSpeedMps()).isCloseTo(12.0, within(1e-4));
            assertThat(t.battery().remainingPercent()).isEqualTo((double) expected.batteryRemainingPercent());
            assertThat(t.battery().voltageVolts()).isCloseTo(expected.batteryVolts(), within(0.004));
            assertThat(t.gnss()).isEqualTo(new Telemetry.Gnss(3, 16, 0.8));
            assertThat(t.flightMode()).isEqualTo("AUTO");
            assertThat(t.armed()).isTrue();
            assertThat(t.gimbal().pitchDeg()).isCloseTo(-45, within(1e-3));
            assertThat(t.gimbal().yawDeg()).isCloseTo(expected.yawDeg(), within(1e-3));
            assertThat(t.camera()).isEqualTo(new Telemetry.CameraFov(84, 53));
        }
        DroneInfo d = gw.registry.byId("udp-2").orElseThrow();
        assertThat(d.transport()).isEqualTo("mavlink-udp");
        assertThat(d.vehicleType()).isEqualTo(2);
        assertThat(gw.stats("udp").framesOk()).isGreaterThan(0);
        assertThat(gw.telemetry).isNotEmpty();
    }

    @Test
    void tcp_twoDronesMavlink1_onlineWithPosition() throws Exception {
        GatewayHarness gw = track(new GatewayHarness(GatewayHarness.loopback()));
        track(new DroneSimulator(SimulatorOptions.udp(2, gw.address("tcp")).withTcp(true)
                .withVersion(MavlinkVersion.V1)).start());
        Await.until(WAIT, () -> gw.registry.byId("tcp-1").isPresent() && gw.registry.byId("tcp-2").isPresent());
        Await.until(WAIT, () -> gw.gateway.normaliser().latest("tcp-2").map(t -> t.position() != null).orElse(false));
        Telemetry t = gw.gateway.normaliser().latest("tcp-2").orElseThrow();
        // anywhere on the G110 patrol, at patrol height
        assertThat(t.position().latitudeDeg()).isBetween(38.47, 38.56);
        assertThat(t.position().longitudeDeg()).isBetween(106.30, 106.35);
        assertThat(t.position().altitudeRelativeMetres()).isCloseTo(120.0, within(1e-3));
        assertThat(gw.registry.byId("tcp-2").orElseThrow().transport()).isEqualTo("mavlink-tcp");
        assertThat(gw.stats("tcp").framesOk()).isGreaterThan(0);
        assertThat(gw.stats("udp").framesOk()).isZero();
    }

    @Test
    void udp_packedDatagrams_everyFrameDecoded() throws Exception {
        GatewayHarness gw = track(new GatewayHarness(GatewayHarness.loopback()));
        DroneSimulator sim = new DroneSimulator(SimulatorOptions.udp(2, gw.address("udp")).withRate(20).withPacking(true));
        sim.start();
        try {
            Await.until(WAIT, () -> sim.framesSent() > 300);
        } finally {
            sim.close();
        }
        EndpointStats s = gw.stats("udp");
        Await.until(WAIT, () -> s.framesOk() == sim.framesSent(), () -> s.framesOk() + " of " + sim.framesSent());
        // several frames per datagram (GLOBAL_POSITION_INT, ATTITUDE and VFR_HUD of one tick at least)
        assertThat(s.packetsIn()).isLessThan(sim.framesSent() / 2);
        assertThat(s.sequenceLost()).isZero();
    }

    @Test
    void silence_linkGoesStaleThenOffline() throws Exception {
        MavlinkConfig cfg = GatewayHarness.loopback(new MavlinkConfig.Link(0.4, 0.8), List.of(),
                MavlinkConfig.Commands.defaults(), null);
        GatewayHarness gw = track(new GatewayHarness(cfg));
        DroneSimulator sim = new DroneSimulator(SimulatorOptions.udp(1, gw.address("udp")).withRate(5));
        sim.start();
        try {
            Await.until(WAIT, () -> gw.registry.byId("udp-1").map(d -> d.state() == LinkState.ONLINE).orElse(false));
        } finally {
            sim.close();
        }
        Await.until(WAIT, () -> gw.registry.byId("udp-1").orElseThrow().state() == LinkState.OFFLINE);
        assertThat(gw.statuses).filteredOn(e -> e.droneId().equals("udp-1")).extracting(DroneStatusEvent::state)
                .containsSubsequence(LinkState.ONLINE, LinkState.STALE, LinkState.OFFLINE)
                .endsWith(LinkState.OFFLINE);
    }

    @Test
    void loss_sequenceGapsCountedPerDrone() throws Exception {
        GatewayHarness gw = track(new GatewayHarness(GatewayHarness.loopback()));
        DroneSimulator sim = new DroneSimulator(SimulatorOptions.udp(2, gw.address("udp")).withRate(100)
                .withFaults(0.1, 0));
        sim.start();
        try {
            Await.until(WAIT, () -> sim.framesSent() > 800);
        } finally {
            sim.close();
        }
        Await.until(WAIT, () -> gw.stats("udp").packetsIn() == sim.framesSent(),
                () -> gw.stats("udp").packetsIn() + " of " + sim.framesSent());
        long lost = gw.stats("udp").sequenceLost();
        long dropped = sim.framesDropped();
        // every drop is a gap except drops after a drone's last delivered frame (and before its first
        // HEARTBEAT registered it)
        assertThat(lost).isBetween(dropped - 40, dropped);
        assertThat(lost).isGreaterThan(30);
        assertThat(gw.gateway.sequenceLost("udp-1") + gw.gateway.sequenceLost("udp-2")).isEqualTo(lost);
    }

    @Test
    void corrupt_badFramesCounted_everyValidFrameStillArrives() throws Exception {
        GatewayHarness gw = track(new GatewayHarness(GatewayHarness.loopback()));
        DroneSimulator sim = new DroneSimulator(SimulatorOptions.udp(2, gw.address("udp")).withRate(100)
                .withFaults(0, 0.2));
        sim.start();
        try {
            Await.until(WAIT, () -> sim.framesSent() > 800);
        } finally {
            sim.close();
        }
        EndpointStats s = gw.stats("udp");
        Await.until(WAIT, () -> s.packetsIn() == sim.framesSent(), () -> s.packetsIn() + " of " + sim.framesSent());
        long corrupted = sim.framesCorrupted();
        assertThat(corrupted).isGreaterThan(60);
        // one frame per datagram: each intact frame is decoded with a verified CRC, each flipped one is not
        assertThat(s.get(MavlinkCounter.FRAMES_OK)).isEqualTo(sim.framesSent() - corrupted);
        assertThat(s.get(MavlinkCounter.BAD_CRC)).isGreaterThan(corrupted / 2);
        assertThat(gw.gateway.normaliser().latest("udp-1").map(t -> t.position() != null)).contains(true);
    }

    @Test
    void streamRate_requestedOnConnect_ackedAndApplied() throws Exception {
        MavlinkConfig cfg = GatewayHarness.loopback(MavlinkConfig.Link.defaults(),
                List.of(new MavlinkConfig.StreamRate("GLOBAL_POSITION_INT", 2), new MavlinkConfig.StreamRate("74", 0)),
                new MavlinkConfig.Commands(3000, 3), null);
        GatewayHarness gw = track(new GatewayHarness(cfg));
        DroneSimulator sim = track(new DroneSimulator(SimulatorOptions.udp(1, gw.address("udp"))).start());
        Await.until(WAIT, () -> gw.gateway.streamRates().accepted() == 2);
        assertThat(sim.drones().get(0).schedule().intervalSeconds(GlobalPositionInt.ID)).isCloseTo(0.5, within(1e-9));
        assertThat(sim.drones().get(0).schedule().intervalSeconds(74)).isInfinite();
        assertThat(gw.gateway.commands().retried()).isZero();
    }

    @Test
    void streamRate_firstCommandLost_isRetriedWithConfirmation() throws Exception {
        MavlinkConfig cfg = GatewayHarness.loopback(MavlinkConfig.Link.defaults(),
                List.of(new MavlinkConfig.StreamRate("ATTITUDE", 4)), new MavlinkConfig.Commands(1000, 3), null);
        GatewayHarness gw = track(new GatewayHarness(cfg));
        AtomicInteger confirmationAnswered = new AtomicInteger(-1);
        // a radio that loses the first COMMAND_LONG; the responder answers the retry
        DroneComponent lossyRadio = (drone, frame, message, out) -> {
            if (message instanceof CommandLong c) {
                if (c.confirmation() == 0) {
                    return true;
                }
                confirmationAnswered.set(c.confirmation());
            }
            return false;
        };
        track(new DroneSimulator(SimulatorOptions.udp(1, gw.address("udp"))
                .withComponents(sysid -> List.of(lossyRadio, new CommandResponder()))).start());
        Await.until(WAIT, () -> gw.gateway.streamRates().accepted() == 1);
        assertThat(confirmationAnswered.get()).isEqualTo(1);
        assertThat(gw.gateway.commands().retried()).isEqualTo(1);
    }

    @Test
    void signedEndpoint_rejectsUnsignedAndForged_acceptsSigned_signsItsOwnCommands() throws Exception {
        MavlinkConfig cfg = GatewayHarness.loopback(MavlinkConfig.Link.defaults(),
                List.of(new MavlinkConfig.StreamRate("ATTITUDE", 4)), new MavlinkConfig.Commands(1000, 3),
                new MavlinkConfig.Signing(MavlinkConfig.SigningMode.REQUIRE_SIGNED, null, "yinchuan patrol"));
        GatewayHarness gw = track(new GatewayHarness(cfg));
        DroneSimulator unsigned = track(new DroneSimulator(SimulatorOptions.udp(1, gw.address("udp"))).start());
        DroneSimulator forged = track(new DroneSimulator(SimulatorOptions.udp(1, gw.address("udp")).withFirstSysid(20)
                .withSigning(MavlinkSigningKey.fromPassphrase("guessed"))).start());
        // the signed drone verifies what the gateway sends: its ack proves the gateway signed the command
        DroneSimulator signed = track(new DroneSimulator(SimulatorOptions.udp(1, gw.address("udp")).withFirstSysid(10)
                .withSigning(MavlinkSigningKey.fromPassphrase("yinchuan patrol"))).start());

        Await.until(WAIT, () -> gw.registry.byId("udp-10").isPresent());
        Await.until(WAIT, () -> gw.gateway.streamRates().accepted() == 1);
        Await.until(WAIT, () -> gw.stats("udp").get(MavlinkCounter.UNSIGNED_REJECTED) > 5
                && gw.stats("udp").get(MavlinkCounter.BAD_SIGNATURE) > 5);
        assertThat(gw.registry.byId("udp-1")).isEmpty();
        assertThat(gw.registry.byId("udp-20")).isEmpty();
        assertThat(gw.registry.all()).hasSize(1);
        assertThat(signed.inbound().get(MavlinkCounter.UNSIGNED_REJECTED)).isZero();
        assertThat(signed.inbound().get(MavlinkCounter.BAD_SIGNATURE)).isZero();
        assertThat(signed.inbound().get(MavlinkCounter.FRAMES_OK)).isGreaterThanOrEqualTo(1);
        assertThat(unsigned.commandsAnswered() + forged.commandsAnswered()).isZero();
    }

    private static boolean complete(Telemetry t) {
        return t != null && t.position() != null && t.attitude() != null && t.velocity() != null
                && t.velocity().airSpeedMps() != null && t.battery() != null && t.gnss() != null
                && t.flightMode() != null && t.gimbal() != null && t.camera() != null;
    }
}
