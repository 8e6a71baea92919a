package org.skypatrol.gateway.broadcast;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.mqtt.NoDelaySockets;
import org.skypatrol.protocols.dji.speaker.SpeakerMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJI side of the loudspeaker over MQTT 5 (Eclipse Paho async client): subscribes to the
 * devices' {@code services_reply} and {@code events}, publishes services at QoS 1. Following the
 * Paho threading rule (issues #310, #985), callbacks only copy the payload and hand it to our own
 * thread; re-subscribing after a reconnect also happens there.
 */
public final class PahoDjiSpeakerLink implements DjiSpeakerLink, Service {

    private static final Logger log = LoggerFactory.getLogger(PahoDjiSpeakerLink.class);

    private final Supplier<String> url;
    private final String clientId;
    private final Predicate<String> isDjiDrone;
    private final String username;
    private final String password;
    /** Aircraft sn → gateway (dock/RC) sn, from the devices' {@code update_topo}. */
    private final Map<String, String> gatewayOfAircraft = new ConcurrentHashMap<>();
    private final ScheduledExecutorService handoff = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dji-speaker-mqtt");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong badTopology = new AtomicLong();
    private static final String TOPOLOGY_FILTER = "sys/product/+/status";
    private static final ObjectMapper JSON = new ObjectMapper();
    private volatile DjiSpeakerTransport transport;
    private MqttAsyncClient client;

    /**
     * @param url        broker URL ({@code tcp://127.0.0.1:1883}), read at start
     * @param clientId   this connection's client id
     * @param isDjiDrone whether a drone id belongs to a DJI device (its link is DJI)
     */
    public PahoDjiSpeakerLink(Supplier<String> url, String clientId, Predicate<String> isDjiDrone) {
        this(url, clientId, isDjiDrone, null, null);
    }

    /** With broker credentials (null: none). */
    public PahoDjiSpeakerLink(Supplier<String> url, String clientId, Predicate<String> isDjiDrone, String username,
                              String password) {
        this.url = url;
        this.clientId = clientId;
        this.isDjiDrone = isDjiDrone;
        this.username = username;
        this.password = password;
    }

    /** Where device messages go (set before {@link #start()}). */
    public void attach(DjiSpeakerTransport t) {
        this.transport = t;
    }

    @Override
    public void start() throws MqttException {
        client = new MqttAsyncClient(url.get(), clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
                log.warn("DJI speaker link disconnected: {}", r.getReasonString());
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
                log.warn("DJI speaker link error", e);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                byte[] payload = message.getPayload().clone();
                handoff.execute(() -> {
                    if (topic.startsWith("sys/product/")) {
                        onTopology(topic, payload);
                        return;
                    }
                    DjiSpeakerTransport t = transport;
                    if (t != null) {
                        t.onDeviceMessage(topic, payload);
                    }
                });
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    handoff.execute(PahoDjiSpeakerLink.this::subscribe);
                }
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        connect(1);
    }

    /**
     * Connects and subscribes; a failed first connect (broker not up yet) is retried with backoff
     * up to 30 s apart, because Paho's automatic reconnect only covers a connection that once worked.
     */
    private void connect(int attempt) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(true);
        o.setCleanStart(true);
        o.setKeepAliveInterval(10);
        if (username != null) {
            o.setUserName(username);
        }
        if (password != null) {
            o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (url.get().startsWith("tcp://")) {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        try {
            client.connect(o).waitForCompletion(10_000);
            subscribe();
        } catch (MqttException e) {
            long delay = Math.min(30, 1L << Math.min(attempt, 5));
            log.warn("DJI speaker link cannot connect to {} ({}); retrying in {} s", url.get(), e.toString(), delay);
            handoff.schedule(() -> connect(attempt + 1), delay, TimeUnit.SECONDS);
        }
    }

    private void subscribe() {
        try {
            client.subscribe(new MqttSubscription[] {
                new MqttSubscription(SpeakerMethod.SERVICES_REPLY_FILTER, 1),
                new MqttSubscription(SpeakerMethod.EVENTS_FILTER, 1),
                new MqttSubscription(TOPOLOGY_FILTER, 1)}).waitForCompletion(10_000);
        } catch (MqttException e) {
            log.error("DJI speaker link cannot subscribe", e);
        }
    }

    /**
     * {@code sys/product/{gateway_sn}/status} with method {@code update_topo}: the aircraft under a
     * dock or remote controller ({@code data.sub_devices[].sn}), so a broadcast for the aircraft goes
     * to its gateway's services topic.
     */
    void onTopology(String topic, byte[] payload) {
        String[] p = topic.split("/");
        if (p.length != 4) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(payload);
            if (!"update_topo".equals(root.path("method").asText())) {
                return;
            }
            for (JsonNode d : root.path("data").path("sub_devices")) {
                String sn = d.path("sn").asText("");
                if (!sn.isEmpty()) {
                    gatewayOfAircraft.put(sn, p[2]);
                }
            }
        } catch (java.io.IOException e) {
            badTopology.incrementAndGet();
        }
    }

    /** The aircraft's dock/RC from the topology, else the drone id itself when it is a DJI device. */
    @Override
    public String gatewaySn(String droneId) {
        String gw = gatewayOfAircraft.get(droneId);
        if (gw != null) {
            return gw;
        }
        return isDjiDrone.test(droneId) ? droneId : null;
    }

    @Override
    public void publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false);
        } catch (MqttException e) {
            long n = publishFailures.incrementAndGet();
            log.warn("DJI speaker publish to {} failed ({} so far): {}", topic, n, e.toString());
        }
    }

    public long publishFailures() {
        return publishFailures.get();
    }

    @Override
    public void close() {
        try {
            if (client != null && client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            if (client != null) {
                client.close();
            }
        } catch (MqttException e) {
            log.warn("closing the DJI speaker link failed: {}", e.toString());
        }
        handoff.shutdownNow();
    }
}
