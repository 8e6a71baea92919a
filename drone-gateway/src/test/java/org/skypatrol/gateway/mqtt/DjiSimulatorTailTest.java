package org.skypatrol.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.cli.SkyPatrolCli;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.protocols.mqtt.Topics;
import org.skypatrol.samples.dji.DjiDroneSimulator;

/** The DJI simulator through the embedded broker and the bridge, watched by {@code skypatrol mqtt tail}. */
class DjiSimulatorTailTest {

    @TempDir
    Path dir;

    @Test
    void simulatedDjiDrone_appearsOnTreeAndInTail() throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", 0, dir.resolve("broker"));
        broker.start();
        EventBus bus = new EventBus();
        MqttBridge bridge = Fixtures.bridge(Fixtures.config(broker.url(), false, 30, 1 << 20), "gw-d", dir.resolve("o"), bus);
        Topics topics = Topics.withDefaultPrefix();
        PrintStream stdout = System.out;
        try (DjiDroneSimulator sim = new DjiDroneSimulator(new DjiDroneSimulator.Settings(broker.url(), "SIMSN0001",
                "SIMDOCK01", 5, 10, 38.4872, 106.2309, 100), Clock.systemUTC())) {
            bridge.start();
            try (TestClient cc = TestClient.connect(broker.url(), "cc").subscribe("skypatrol/v1/#", 1)) {
                sim.start();
                Await.until(Duration.ofSeconds(10), "DJI telemetry on the tree",
                        () -> cc.on(topics.telemetry("SIMSN0001")).size() >= 2);
                JsonNode t = cc.on(topics.telemetry("SIMSN0001")).get(1).json();
                assertThat(t.get("source").asText()).isEqualTo("dji");
                assertThat(t.at("/position/latitudeDeg").asDouble()).isCloseTo(38.4872, org.assertj.core.data.Offset.offset(0.01));
                PayloadSchemas.assertValid(t);
                assertThat(cc.on(topics.droneStatus("SIMSN0001")).get(0).json().get("state").asText()).isEqualTo("online");
                // DRC at 10 Hz + osd at 5 Hz in, 2 Hz out: coalesced
                Await.until(Duration.ofSeconds(5), "coalescing", () -> bridge.metrics().get(MqttMetrics.TELEMETRY_COALESCED) > 5);
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code = SkyPatrolCli.newCommandLine().execute("mqtt", "tail", "--url", broker.url(), "--count", "4",
                    "--seconds", "10");
            System.setOut(stdout);
            String text = captured.toString(StandardCharsets.UTF_8);
            assertThat(code).isZero();
            assertThat(text).contains("R GATEWAY   gw-d").contains("ONLINE").contains("TELEMETRY SIMSN0001").contains(" dji lat 38.4");
        } finally {
            System.setOut(stdout);
            bridge.close();
            broker.close();
        }
    }
}
