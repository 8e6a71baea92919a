package org.skypatrol.gateway.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.cli.SkyPatrolCli;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.mavlink.MavlinkEndpoint;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.samples.drone.DroneSimulator;
import org.skypatrol.samples.drone.Loudspeaker;
import org.skypatrol.protocols.mavlink.CommandLong;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.SkypatrolSpeakerBroadcast;
import org.skypatrol.samples.dji.DjiDroneSimulator;
import org.skypatrol.samples.dji.DjiSpeakerSimulator;
import org.skypatrol.samples.drone.CommandResponder;
import org.skypatrol.samples.drone.DroneComponent;
import org.skypatrol.samples.drone.SimulatorOptions;

/**
 * The whole product path: the gateway as Wiring builds it (embedded broker, MQTT bridge, MAVLink
 * endpoints, broadcast service), the simulated drone with its loudspeaker over UDP, and
 * {@code skypatrol broadcast} as the command centre's stand-in.
 */
class GatewayBroadcastEndToEndTest {

    @TempDir
    Path dir;

    private Wiring wiring;
    private DroneSimulator sim;
    private final Map<String, String> sets = new LinkedHashMap<>();
    private final java.util.Set<String> djiOnline = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Loudspeaker speaker = new Loudspeaker(Loudspeaker.DEFAULT_COMPONENT_ID);

    /** Frames that reached the simulated drone's loudspeaker: true when signed. */
    private final List<Boolean> speakerFramesSigned = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        start(null);
    }

    /** Starts the gateway and one simulated drone; with a passphrase the UDP endpoint requires signing. */
    private void start(String passphrase) throws Exception {
        if (wiring != null) {
            tearDown();
            speakerFramesSigned.clear();
        }
        int mqttPort;
        try (ServerSocket s = new ServerSocket(0)) {
            mqttPort = s.getLocalPort();
        }
        sets.put("gateway.dataDir", dir.resolve("var").toString());
        sets.put("mqtt.embedded.port", Integer.toString(mqttPort));
        sets.put("mqtt.embedded.bind", "127.0.0.1");
        Map<String, String> gw = new LinkedHashMap<>(sets);
        gw.put("mavlink.endpoints.0.port", "0");
        gw.put("mavlink.endpoints.0.bind", "127.0.0.1");
        gw.put("mavlink.endpoints.1.port", "0");
        gw.put("mavlink.endpoints.1.bind", "127.0.0.1");
        gw.put("metrics.port", "0");
        if (passphrase != null) {
            gw.put("mavlink.endpoints.0.signing", "{mode: REQUIRE_SIGNED, passphrase: \"" + passphrase + "\"}");
        }
        GatewayConfig config = new ConfigLoader().load(null, gw);
        wiring = new Wiring(config, Clock.systemUTC());
        wiring.events().subscribe(DroneStatusEvent.class, e -> {
            if (e.state() == DroneStatusEvent.LinkState.ONLINE) {
                djiOnline.add(e.droneId());
            }
        });
        wiring.start();
        MavlinkEndpoint udp = wiring.mavlink().endpoints().stream()
                .filter(e -> e.transport() == MavlinkConfig.Transport.UDP).findFirst().orElseThrow();
        DroneComponent recorder = (drone, frame, message, out) -> {
            if (message instanceof CommandLong || message instanceof SkypatrolSpeakerBroadcast) {
                speakerFramesSigned.add(frame.signed());
            }
            return false;
        };
        SimulatorOptions options = SimulatorOptions.udp(1, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                udp.localAddress().getPort())).withComponents(sysid -> List.of(recorder, speaker, new CommandResponder()));
        if (passphrase != null) {
            options = options.withSigning(MavlinkSigningKey.fromPassphrase(passphrase));
        }
        sim = new DroneSimulator(options).start();
        Await.until(Duration.ofSeconds(10), () -> wiring.drones().byId("udp-1")
                .map(d -> d.state() == DroneStatusEvent.LinkState.ONLINE).orElse(false), () -> "udp-1 online");
    }

    @AfterEach
    void tearDown() {
        if (sim != null) {
            sim.close();
            sim = null;
        }
        if (wiring != null) {
            wiring.close();
            wiring = null;
        }
    }

    private record Run(int code, String out) {
    }

    private Run cli(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
            sets.forEach((k, v) -> {
                all.add("--set");
                all.add(k + "=" + v);
            });
            code = SkyPatrolCli.newCommandLine().execute(all.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        return new Run(code, captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cliBroadcast_overMqttAndMavlink_drone1SpeaksAndEveryStatusIsPrinted() {
        Run r = cli("broadcast", "--drone", "udp-1", "--text", "前方应急车道禁止停车", "--volume", "90",
                "--command-id", "cli-1");

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out().lines().filter(l -> l.matches("\\s*\\d+ ms\\s+\\w+.*")).map(l -> l.trim().split("\\s+")[2]))
                .containsExactly("accepted", "delivered", "playing", "done");
        assertThat(speaker.played()).singleElement().satisfies(p -> {
            assertThat(p.content()).isEqualTo("前方应急车道禁止停车");
            assertThat(p.volumePercent()).isEqualTo(90);
        });

        // the same command id again: answered from the cache, not played again (FAULTS L2)
        Run again = cli("broadcast", "--drone", "udp-1", "--text", "前方应急车道禁止停车", "--command-id", "cli-1");
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(speaker.played()).hasSize(1);
        assertThat(again.out()).contains("done");
    }

    @Test
    void cliBroadcast_clipToTheLoudspeakerComponent() {
        Run r = cli("broadcast", "--drone", "udp-1", "--clip", "2", "--repeat", "3");

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(speaker.played())
                .containsExactly(new Loudspeaker.Played("clip", "2", 80, 3));
    }

    @Test
    void signedEndpoint_gatewaySignsTheLoudspeakerCommands() throws Exception {
        start("patrol signing phrase");
        Run r = cli("broadcast", "--drone", "udp-1", "--text", "请出示证件", "--command-id", "signed-1");

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(speaker.played()).extracting(Loudspeaker.Played::content).containsExactly("请出示证件");
        assertThat(speakerFramesSigned).isNotEmpty().containsOnly(true);
    }

    /** A DJI aircraft behind its dock: the broadcast goes to the dock's services topic (topology). */
    @Test
    void cliBroadcast_djiAircraft_spokenByItsDock() throws Exception {
        try (DjiDroneSimulator dji = new DjiDroneSimulator(new DjiDroneSimulator.Settings(
                "tcp://127.0.0.1:" + sets.get("mqtt.embedded.port"), "1581F5BKD225D00A", "4TADKAQ000002J", 5, 0,
                38.5, 106.2, 200), Clock.systemUTC())) {
            dji.start();
            Await.until(Duration.ofSeconds(10), () -> wiring.broadcasts() != null
                    && wiring.events() != null && djiOnline.contains("1581F5BKD225D00A"), () -> "DJI aircraft online");

            Run r = cli("broadcast", "--drone", "1581F5BKD225D00A", "--text", "无人机执法，请配合", "--wait", "20");

            assertThat(r.code()).as(r.out()).isZero();
            assertThat(dji.speaker().spoken()).containsExactly("无人机执法，请配合");
            assertThat(dji.speaker().received()).extracting(DjiSpeakerSimulator.Received::method)
                    .endsWith("speaker_tts_play_start");
        }
    }

    /** FAULTS L3: a drone the gateway never heard of is refused at once. */
    @Test
    void cliBroadcast_unknownDrone_rejectedAtOnce() {
        Run r = cli("broadcast", "--drone", "ghost-9", "--text", "hello", "--wait", "5");

        assertThat(r.code()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("rejected").contains("unknown drone");
    }
}
