package org.skypatrol.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.skypatrol.protocols.mqtt.PayloadJson;

/** A command-centre stand-in: a real Paho MQTT 5 client that records what it receives. */
final class TestClient implements AutoCloseable {

    record Received(String topic, byte[] payload, boolean retained, int qos) {
        JsonNode json() {
            try {
                return PayloadJson.mapper().readTree(payload);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON on " + topic + ": " + new String(payload, StandardCharsets.UTF_8), e);
            }
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, Integer> filters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService resubscriber = java.util.concurrent.Executors.newSingleThreadExecutor();
    final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private volatile long lastNudge = System.nanoTime() - 1_000_000_000L;

    TestClient(String url, String clientId, String user, String password, boolean cleanStart) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        options = new MqttConnectionOptions();
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        options.setConnectionTimeout(5);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.add(new Received(topic, m.getPayload().clone(), m.isRetained(), m.getQos()));
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
                if (reconnect) {
                    // a broker killed with SIGKILL forgot our session: subscribe again, off the Paho thread
                    resubscriber.execute(() -> filters.forEach((f, q) -> {
                        try {
                            client.subscribe(f, q);
                        } catch (MqttException e) {
                            // retried at the next reconnect
                        }
                    }));
                }
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
    }

    static TestClient connect(String url, String clientId) throws MqttException {
        return connect(url, clientId, null, null, true);
    }

    static TestClient connect(String url, String clientId, String user, String pw, boolean cleanStart)
            throws MqttException {
        TestClient c = new TestClient(url, clientId, user, pw, cleanStart);
        c.client.connect(c.options).waitForCompletion(10_000);
        return c;
    }

    /** Connects again with the same options (persistent session when created with cleanStart false). */
    void reconnect() throws MqttException {
        client.connect(options).waitForCompletion(10_000);
    }

    /**
     * Asks Paho's automatic reconnect for an attempt now, at most every half second, when not connected. Paho
     * (mqttv5 1.2.5) doubles its delay after each refused attempt past the maximum set above: in whole-suite runs
     * the client came back 16 s after the broker did; the command centre it stands for would not wait that long.
     */
    void reconnectNow() {
        long now = System.nanoTime();
        if (client.isConnected() || now - lastNudge < 500_000_000L) {
            return;
        }
        lastNudge = now;
        try {
            client.reconnect();
        } catch (MqttException e) {
            // an attempt is already under way (or the client is closing): the next poll asks again
        }
    }

    TestClient subscribe(String filter, int qos) throws MqttException {
        filters.put(filter, qos);
        client.subscribe(filter, qos).waitForCompletion(10_000);
        return this;
    }

    IMqttToken publish(String topic, String json, int qos) throws MqttException {
        IMqttToken t = client.publish(topic, json.getBytes(StandardCharsets.UTF_8), qos, false);
        t.waitForCompletion(10_000);
        return t;
    }

    List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Unique JSON payloads on a topic, first occurrence of each messageId, in arrival order. */
    List<JsonNode> unique(String topic) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return on(topic).stream().map(Received::json).filter(j -> seen.add(j.path("messageId").asText())).toList();
    }

    @Override
    public void close() {
        resubscriber.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(3000);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker may be gone already in fault tests; nothing left to release
        }
    }
}
