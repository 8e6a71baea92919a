package org.skypatrol.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.mavlink.MavlinkEndpoint;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.mqtt.CommandResultPayload;
import org.skypatrol.samples.drone.CommandResponder;
import org.skypatrol.samples.drone.DroneSimulator;
import org.skypatrol.samples.drone.HoverFlight;
import org.skypatrol.samples.drone.Loudspeaker;
import org.skypatrol.samples.drone.SimulatorOptions;

/**
 * The demo's drone camera end to end, the mission in one loop: a simulated MAVLink drone hovering
 * where the clip's camera was publishes its video to the gateway's RTSP server, the gateway analyses
 * it live through the pose from the drone's own telemetry, places the
 * illegal-parking alert placed on the no-parking kerb, and the default policy's broadcast played and
 * acknowledged by that drone's loudspeaker.
 */
class DemoDroneTest {

    @TempDir
    Path dir;

    @Test
    void hoveringDronePublishingItsVideo_parkedCarAlert_isSpokenThroughThatDronesLoudspeaker() throws Exception {
        Path clip = DemoCamera.ensureClip(Path.of("target", "live-clips").toAbsolutePath(), DemoDrone.scenario(),
                System.err);
        HoverFlight hover = DemoDrone.hover(clip);
        assertThat(hover.gimbalPitchDeg()).isLessThan(-80);        // the scenario looks straight down
        assertThat(hover.heightMetres()).isEqualTo(45.0);

        GatewayConfig d = GatewayConfig.defaults();
        MqttConfig m = d.mqtt();
        MqttConfig off = new MqttConfig(false, m.url(), m.username(), m.password(), m.clientId(), m.topicPrefix(),
                m.embedded(), m.tls(), m.telemetryRateHz(), m.keepAliveSeconds(), m.sessionExpirySeconds(),
                m.maxInflight(), m.reconnectMaxSeconds(), m.maxInboundBytes(), m.maxPayloadBytes(), m.outbox(), m.dji());
        VideoConfig v = d.video();
        VideoConfig.RtspServer rtsp = v.rtspServer();
        VideoConfig video = new VideoConfig(true, new VideoConfig.RtspServer(true, "127.0.0.1", 0,
                rtsp.readTimeoutSeconds(), rtsp.maxConnections(), rtsp.auth(), rtsp.username(), rtsp.password(),
                rtsp.realm()),
                List.of(), v.recording(), v.evidence(), v.httpApi(), false);
        GatewayConfig base = new GatewayConfig(new GatewayConfig.Gateway("gw-test", dir.resolve("var").toString(), 0),
                DemoPorts.mavlink(d.mavlink(), true), off, video, d.analytics(), d.broadcast());
        assertThat(DemoDrone.publishes(base)).isTrue();
        GatewayConfig cfg = DemoDrone.withDrone(base, clip);

        Loudspeaker speaker = new Loudspeaker(Loudspeaker.DEFAULT_COMPONENT_ID);
        List<AlertPayload> alerts = new CopyOnWriteArrayList<>();
        List<CommandResultEvent> results = new CopyOnWriteArrayList<>();
        long recorded;
        try (Wiring w = new Wiring(cfg, Clock.systemUTC())) {
            w.events().subscribe(AlertEvent.class, e -> alerts.add(e.alert()));
            w.events().subscribe(CommandResultEvent.class, results::add);
            w.start();
            MavlinkEndpoint udp = w.mavlink().endpoints().stream()
                    .filter(e -> e.transport() == MavlinkConfig.Transport.UDP).findFirst().orElseThrow();
            SimulatorOptions options = SimulatorOptions.udp(1, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            udp.localAddress().getPort())).withFirstSysid(DemoDrone.SYSID)
                    .withFlights(sysid -> hover)
                    .withComponents(sysid -> List.of(speaker, new CommandResponder()));
            try (DroneSimulator sim = new DroneSimulator(options).start();
                 AutoCloseable videoLink = DemoDrone.publish(clip, w.video().rtsp().port(), video.rtspServer())) {
                Await.until(Duration.ofSeconds(75), () -> results.stream().anyMatch(r ->
                                r.status() == CommandResultPayload.Status.DONE),
                        () -> w.analytics().summary() + "\nalerts " + alerts + "\nresults " + results);
            }
            recorded = w.video().hub().feed(DemoDrone.DRONE_ID, DemoDrone.DRONE_ID).frames();
        }
        AlertPayload start = alerts.stream().filter(a -> a.phase() == AlertPayload.Phase.START
                && a.behaviour().equals("illegal_parking")).findFirst().orElseThrow();
        assertThat(start.sourceId()).isEqualTo(DemoDrone.DRONE_ID);
        assertThat(start.zoneId()).isEqualTo("sb-kerb-np");
        // placed through the drone's pose: on the kerb zone, about 1 m west of the road's centre line
        assertThat(start.ground()).isNotNull();
        assertThat(start.ground().latitudeDeg()).isBetween(38.46817, 38.46838);
        assertThat(start.ground().longitudeDeg()).isBetween(106.27298, 106.27303);
        assertThat(results).allSatisfy(r -> assertThat(r.droneId()).isEqualTo(DemoDrone.DRONE_ID));
        assertThat(speaker.played()).anySatisfy(p -> assertThat(p.content()).contains("parked illegally"));
        assertThat(recorded).as("the published video is recorded too").isPositive();
    }
}
