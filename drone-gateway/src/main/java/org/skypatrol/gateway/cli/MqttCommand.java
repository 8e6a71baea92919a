package org.skypatrol.gateway.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.skypatrol.gateway.mqtt.TailFormatter;
import org.skypatrol.protocols.mqtt.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code skypatrol mqtt}: MQTT tools: tail the topic tree. */
@Command(name = "mqtt", mixinStandardHelpOptions = true, description = "MQTT tools: tail the topic tree.",
        subcommands = MqttCommand.Tail.class)
final class MqttCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code skypatrol mqtt tail}: subscribe to the tree and pretty-print every message. */
    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print every message of the SkyPatrol topic tree, one line each (retained ones marked R).")
    static final class Tail implements Callable<Integer> {

        @Option(names = "--url", defaultValue = "tcp://127.0.0.1:1883", description = "broker URL (tcp:// or ssl://)")
        String url;

        @Option(names = "--prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "topic prefix")
        String prefix;

        @Option(names = "--filter", description = "topic filter (default: <prefix>/#)")
        String filter;

        @Option(names = {"-u", "--username"}) String username;

        @Option(names = {"-P", "--password"}, description = "password (or SKYPATROL_MQTT_PASSWORD)")
        String password;

        @Option(names = "--json", description = "print topic and raw JSON instead of the summary")
        boolean json;

        @Option(names = "--count", defaultValue = "0", description = "exit after this many messages (0 = never)")
        int count;

        @Option(names = "--seconds", defaultValue = "0", description = "exit after this long (0 = never)")
        long seconds;

        @Override
        public Integer call() throws Exception {
            Topics topics = new Topics(prefix);
            TailFormatter formatter = new TailFormatter(topics);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            record Msg(Instant at, String topic, byte[] payload, boolean retained) {
            }
            BlockingQueue<Msg> queue = new LinkedBlockingQueue<>(100_000);
            MqttAsyncClient client = new MqttAsyncClient(url, "skypatrol-tail-" + ProcessHandle.current().pid(),
                    new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse r) {
                    System.err.println("disconnected: " + r);
                }

                @Override
                public void mqttErrorOccurred(MqttException e) {
                    System.err.println("MQTT error: " + e);
                }

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    // copy and hand over: nothing is printed or published on Paho's thread
                    queue.offer(new Msg(Instant.now(), topic, m.getPayload().clone(), m.isRetained()));
                }

                @Override
                public void deliveryComplete(IMqttToken t) {
                }

                @Override
                public void connectComplete(boolean reconnect, String uri) {
                }

                @Override
                public void authPacketArrived(int code, MqttProperties p) {
                }
            });
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setAutomaticReconnect(true);
            o.setConnectionTimeout(10);
            String pw = password != null ? password : System.getenv("SKYPATROL_MQTT_PASSWORD");
            if (username != null) {
                o.setUserName(username);
                o.setPassword(pw == null ? new byte[0] : pw.getBytes(StandardCharsets.UTF_8));
            }
            try {
                client.connect(o).waitForCompletion(10_000);
                client.subscribe(filter == null ? topics.everythingFilter() : filter, 1).waitForCompletion(10_000);
            } catch (MqttException e) {
                System.err.println("skypatrol mqtt tail: cannot subscribe at " + url + ": " + e.getMessage());
                return 1;
            }
            System.err.println("tailing " + (filter == null ? topics.everythingFilter() : filter) + " on " + url);
            long end = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
            int printed = 0;
            try {
                while ((count == 0 || printed < count) && System.nanoTime() < end) {
                    Msg m = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (m == null) {
                        continue;
                    }
                    out.println(json ? m.topic() + " " + new String(m.payload(), StandardCharsets.UTF_8)
                            : formatter.format(m.at(), m.topic(), m.payload(), m.retained()));
                    printed++;
                }
            } finally {
                client.disconnect().waitForCompletion(2000);
                client.close(true);
            }
            return 0;
        }
    }
}
