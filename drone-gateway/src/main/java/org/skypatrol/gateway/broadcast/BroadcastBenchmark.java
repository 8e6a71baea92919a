package org.skypatrol.gateway.broadcast;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.mavlink.MavlinkEndpoint;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.mqtt.BroadcastRequestPayload;
import org.skypatrol.protocols.mqtt.CommandResultPayload;
import org.skypatrol.samples.drone.DroneSimulator;
import org.skypatrol.samples.drone.SimulatorOptions;

/**
 * Broadcast latency on loopback (scripts/bench-broadcast.sh): the gateway as {@link Wiring} builds
 * it (embedded MQTT broker, MAVLink UDP endpoint), one simulated drone with its loudspeaker, and a
 * command-centre MQTT client, all in this JVM.
 * <ul>
 *   <li>alert → ack: an {@code illegal_parking} alert start published on the event bus (as the
 *       analytics does) until the loudspeaker's first answer ({@code delivered}) is seen;</li>
 *   <li>request → done: a command-centre request published on MQTT until the {@code done} result
 *       arrives back at that client over MQTT.</li>
 * </ul>
 * Runs one at a time (no queueing); the first {@code warmup} of each are not counted.
 * Usage: {@code BroadcastBenchmark RUNS WARMUP OUT_DIR}.
 */
public final class BroadcastBenchmark {

    private BroadcastBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path out = Path.of(args.length > 2 ? args[2] : "var/bench");
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("skypatrol-bench-");
        int mqttPort;
        try (ServerSocket s = new ServerSocket(0)) {
            mqttPort = s.getLocalPort();
        }
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("gateway.dataDir", data.toString());
        sets.put("mqtt.embedded.port", Integer.toString(mqttPort));
        sets.put("mqtt.embedded.bind", "127.0.0.1");
        sets.put("mavlink.endpoints.0.port", "0");
        sets.put("mavlink.endpoints.0.bind", "127.0.0.1");
        sets.put("mavlink.endpoints.1.port", "0");
        sets.put("mavlink.endpoints.1.bind", "127.0.0.1");
        sets.put("metrics.port", "0");
        sets.put("broadcast.maxPerDronePerMinute", "1000000");
        GatewayConfig config = new ConfigLoader().load(null, sets);

        Map<String, Long> delivered = new ConcurrentHashMap<>();
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Map<String, Long> doneAt = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> finished = new ConcurrentHashMap<>();
        try (Wiring wiring = new Wiring(config, Clock.systemUTC())) {
            wiring.events().subscribe(CommandResultEvent.class, e -> {
                if (e.status() == CommandResultPayload.Status.ACCEPTED) {
                    acceptedAt.putIfAbsent(e.commandId(), System.nanoTime());
                }
                if (e.status() == CommandResultPayload.Status.DONE) {
                    doneAt.putIfAbsent(e.commandId(), System.nanoTime());
                }
                if (e.status() == CommandResultPayload.Status.DELIVERED) {
                    delivered.putIfAbsent(e.commandId(), System.nanoTime());
                }
                if (e.status().isFinal()) {
                    CountDownLatch l = finished.get(e.commandId());
                    if (l != null) {
                        l.countDown();
                    }
                }
            });
            wiring.start();
            MavlinkEndpoint udp = wiring.mavlink().endpoints().stream()
                    .filter(e -> e.transport() == MavlinkConfig.Transport.UDP).findFirst().orElseThrow();
            try (DroneSimulator sim = new DroneSimulator(SimulatorOptions.udp(1, new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), udp.localAddress().getPort()))).start();
                 BroadcastClient client = new BroadcastClient("tcp://127.0.0.1:" + mqttPort,
                         config.mqtt().topicPrefix(), null, null)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (wiring.drones().byId("udp-1").map(d -> d.state() != DroneStatusEvent.LinkState.ONLINE)
                        .orElse(true)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("simulated drone udp-1 never came online");
                    }
                    Thread.sleep(10);
                }
                client.prepare("udp-1");
                double[] alertToAck = new double[runs];
                for (int i = -warmup; i < runs; i++) {
                    String alertId = "bench-" + (i + warmup);
                    String commandId = "alert-" + alertId;
                    CountDownLatch done = new CountDownLatch(1);
                    finished.put(commandId, done);
                    Instant now = Instant.now();
                    long t0 = System.nanoTime();
                    wiring.events().publish(new AlertEvent(AlertPayload.of(now, alertId, AlertPayload.Phase.START,
                            "illegal_parking", AlertPayload.Severity.MEDIUM, "udp-1", "zone-" + (i + warmup),
                            List.of(), null, null, null, now)));
                    if (!done.await(10, TimeUnit.SECONDS) || !delivered.containsKey(commandId)) {
                        throw new IllegalStateException("alert broadcast " + commandId + " did not complete");
                    }
                    if (i >= 0) {
                        alertToAck[i] = (delivered.get(commandId) - t0) / 1e6;
                    }
                }
                double[] requestToDone = new double[runs];
                double[] requestToAcceptedInGateway = new double[runs];
                double[] requestToDoneInGateway = new double[runs];
                for (int i = -warmup; i < runs; i++) {
                    BroadcastRequestPayload req = BroadcastClient.textRequest("cc-" + (i + warmup),
                            "请立即驶离 please move on", null, 80, 1, BroadcastRequestPayload.Priority.NORMAL);
                    long t0 = System.nanoTime();
                    CommandResultPayload r = client.send("udp-1", req, s -> { }).get(10, TimeUnit.SECONDS);
                    long t1 = System.nanoTime();
                    if (r.status() != CommandResultPayload.Status.DONE) {
                        throw new IllegalStateException("request " + req.commandId() + " ended " + r.status()
                                + " " + r.reason());
                    }
                    if (i >= 0) {
                        requestToDone[i] = (t1 - t0) / 1e6;
                        requestToAcceptedInGateway[i] = (acceptedAt.get(req.commandId()) - t0) / 1e6;
                        requestToDoneInGateway[i] = (doneAt.get(req.commandId()) - t0) / 1e6;
                    }
                }
                String a = summary("alert_start_to_loudspeaker_ack_ms", alertToAck);
                String b = summary("mqtt_request_to_done_ms", requestToDone);
                String c = summary("mqtt_request_to_accepted_in_gateway_ms", requestToAcceptedInGateway);
                String d = summary("mqtt_request_to_done_in_gateway_ms", requestToDoneInGateway);
                String json = "{\"runs\":" + runs + ",\"warmup\":" + warmup + "," + a + "," + b + "," + c + "," + d + "}";
                Files.writeString(out.resolve("broadcast.json"), json + "\n");
                System.out.println(json);
            }
        }
    }

    private static String summary(String name, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "\"p50\":%.2f", pct(s, 50)));
        parts.add(String.format(Locale.ROOT, "\"p90\":%.2f", pct(s, 90)));
        parts.add(String.format(Locale.ROOT, "\"p99\":%.2f", pct(s, 99)));
        parts.add(String.format(Locale.ROOT, "\"max\":%.2f", s[s.length - 1]));
        return "\"" + name + "\":{" + String.join(",", parts) + "}";
    }

    /** Nearest-rank percentile of sorted values. */
    private static double pct(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
