package org.skypatrol.gateway.broadcast;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.skypatrol.gateway.mqtt.NoDelaySockets;
import org.skypatrol.protocols.mqtt.BroadcastRequestPayload;
import org.skypatrol.protocols.mqtt.CommandResultPayload;
import org.skypatrol.protocols.mqtt.PayloadJson;
import org.skypatrol.protocols.mqtt.Topics;

/**
 * The command-centre side of a broadcast, as any MQTT client does it (used by
 * {@code skypatrol broadcast} and the benchmark): subscribe to
 * {@code {p}/drones/{droneId}/commands/result}, publish the request on
 * {@code {p}/drones/{droneId}/commands/broadcast} (QoS 1), and report every result for the
 * command id until a final one (done, failed, timeout, rejected). Paho callbacks only hand the
 * payload to our own thread.
 */
public final class BroadcastClient implements AutoCloseable {

    /** One command being followed; {@code last} is the newest status reported (-1: none yet). */
    private record Waiter(Consumer<CommandResultPayload> onStatus, CompletableFuture<CommandResultPayload> done,
                          java.util.concurrent.atomic.AtomicInteger last) {
    }

    private final Topics topics;
    private final MqttAsyncClient client;
    private final ExecutorService handoff = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "broadcast-client");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
    private final Map<String, Boolean> subscribed = new ConcurrentHashMap<>();

    public BroadcastClient(String url, String topicPrefix, String username, String password) throws MqttException {
        this.topics = new Topics(topicPrefix);
        this.client = new MqttAsyncClient(url, "skypatrol-cli-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                byte[] payload = m.getPayload().clone();
                handoff.execute(() -> onResult(payload));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        if (url.startsWith("tcp://")) {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        if (username != null) {
            o.setUserName(username);
        }
        if (password != null) {
            o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        client.connect(o).waitForCompletion(10_000);
    }

    /** Subscribes to a drone's result topic ahead of time (the first send does it otherwise). */
    public void prepare(String droneId) throws MqttException {
        if (subscribed.putIfAbsent(droneId, Boolean.TRUE) == null) {
            client.subscribe(topics.commandResult(droneId), 1).waitForCompletion(10_000);
        }
    }

    /**
     * Sends one request; {@code onStatus} sees every result for its command id (on the client's
     * thread); the future completes with the final one.
     */
    public CompletableFuture<CommandResultPayload> send(String droneId, BroadcastRequestPayload request,
                                                        Consumer<CommandResultPayload> onStatus) throws MqttException {
        prepare(droneId);
        Waiter w = new Waiter(onStatus, new CompletableFuture<>(), new java.util.concurrent.atomic.AtomicInteger(-1));
        waiting.put(request.commandId(), w);
        client.publish(topics.broadcastCommand(droneId), PayloadJson.toBytes(request), 1, false);
        return w.done();
    }

    /** A text request with the command-centre schema. */
    public static BroadcastRequestPayload textRequest(String commandId, String text, Integer clipId, int volume,
                                                      int repeat, BroadcastRequestPayload.Priority priority) {
        return new BroadcastRequestPayload(BroadcastRequestPayload.SCHEMA, Instant.now(), commandId, text,
                clipId == null ? null : clipId.toString(), volume, repeat, priority);
    }

    private void onResult(byte[] payload) {
        CommandResultPayload r;
        try {
            r = PayloadJson.fromBytes(payload, CommandResultPayload.class);
        } catch (IOException e) {
            return;                  // not a result we can read: not ours to answer
        }
        Waiter w = r.commandId() == null ? null : waiting.get(r.commandId());
        if (w == null || r.status() == null) {
            return;
        }
        // the gateway's outbox delivers at least once: a repeated or older status is not news
        if (r.status().ordinal() <= w.last().get()) {
            return;
        }
        w.last().set(r.status().ordinal());
        w.onStatus().accept(r);
        if (r.status().isFinal()) {
            waiting.remove(r.commandId());
            w.done().complete(r);
        }
    }

    /** Default wait for a final result in the CLI. */
    public static Duration defaultWait() {
        return Duration.ofSeconds(90);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            client.close();
        } catch (MqttException e) {
            // closing a client that is already gone: nothing left to release
        }
        handoff.shutdownNow();
    }
}
