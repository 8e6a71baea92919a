package org.skypatrol.gateway.mqtt;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.EventBus;

/**
 * The gateway's MQTT part in a child JVM, so tests can {@code kill -9} it. Arguments: broker URL,
 * outbox folder, gateway id, keep alive seconds. Reads commands on stdin: {@code ALERTS n} raises n alerts and answers
 * {@code STORED n} once they are on disk; prints {@code READY} when started.
 */
public final class GatewayChild {

    private GatewayChild() {
    }

    public static void main(String[] args) throws Exception {
        MqttConfig c = Fixtures.config(args[0], false, 30, 1 << 22, Integer.parseInt(args[3]));
        EventBus bus = new EventBus();
        MqttBridge bridge = Fixtures.bridge(c, args[2], Path.of(args[1]), bus);
        bridge.start();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int raised = 0;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("ALERTS ")) {
                int n = Integer.parseInt(line.substring(7).trim());
                for (int i = 0; i < n; i++) {
                    bus.publish(new AlertEvent(Fixtures.alert("child-" + (raised + i), raised + i, "cam-k")));
                }
                raised += n;
                int total = raised;
                Await.until(Duration.ofSeconds(20), "stored", () -> bridge.metrics().get(MqttMetrics.OUTBOX_APPENDED) >= total);
                System.out.println("STORED " + total);
                System.out.flush();
            }
        }
    }
}
