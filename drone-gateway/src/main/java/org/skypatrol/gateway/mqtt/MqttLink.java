package org.skypatrol.gateway.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connection (Eclipse Paho async client) with what the gateway needs around it:
 * a persistent session (clean start off plus a session expiry, MQTT 5 sections 3.1.2.4 and 3.1.2.11.2),
 * our own reconnect loop with exponential backoff and jitter (Paho's automatic reconnect does not retry
 * a failed first connect), subscriptions restored after every connect, a bounded QoS 1 in-flight window,
 * and a will.
 *
 * <p>Threading rule (Paho issues #310, #985, #31): nothing here calls the client from inside a Paho
 * callback. Every callback copies what it needs and hands it to {@code handoff}; publish futures are
 * completed on {@code handoff} too, so their dependants never run on a Paho thread.
 */
public final class MqttLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);

    /** How to reach the broker. {@code socketFactory} is null for plaintext {@code tcp://}. */
    public record Options(String url, String clientId, String username, String password,
                          SSLSocketFactory socketFactory, int keepAliveSeconds, long sessionExpirySeconds,
                          int maxInflight, Duration reconnectMax, Will will) {
    }

    /** The will: published by the broker when this client vanishes without DISCONNECT (MQTT 5 section 3.1.2.5). */
    public record Will(String topic, byte[] payload, int qos, boolean retain) {
    }

    /**
     * Receives every inbound message on the handoff executor (never on a Paho thread), with the time
     * Paho's receiver delivered it (before the hand-off queue, so latency figures include that queue).
     */
    public interface InboundHandler {
        void onMessage(String topic, byte[] payload, java.time.Instant receivedAt);
    }

    /** A publish the broker refused with an MQTT 5 reason code of 0x80 or more (e.g. 0x87 not authorized). */
    public static final class PublishRefusedException extends Exception {
        private final int reasonCode;

        PublishRefusedException(String topic, int reasonCode) {
            super("broker refused publish to " + topic + " with reason code 0x" + Integer.toHexString(reasonCode));
            this.reasonCode = reasonCode;
        }

        public int reasonCode() {
            return reasonCode;
        }
    }

    private final Options options;
    private final MqttMetrics metrics;
    private final Executor handoff;
    private final ScheduledExecutorService scheduler;
    private final InboundHandler inbound;
    private final java.time.InstantSource clock;
    private volatile MqttAsyncClient client;
    private boolean attempted;
    private final Semaphore inflight;
    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
    private final List<Runnable> onConnected = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicInteger connectionEpoch = new AtomicInteger();
    private final RateLimitedLog connectLog;
    private volatile CountDownLatch firstConnect = new CountDownLatch(1);
    private volatile String lastConnectError;

    public MqttLink(Options options, MqttMetrics metrics, Executor handoff, ScheduledExecutorService scheduler,
                    java.time.InstantSource clock, InboundHandler inbound) throws MqttException {
        this.options = options;
        this.clock = clock;
        this.metrics = metrics;
        this.handoff = handoff;
        this.scheduler = scheduler;
        this.inbound = inbound;
        this.inflight = new Semaphore(options.maxInflight());
        this.connectLog = new RateLimitedLog(log, java.time.Clock.systemUTC(), Duration.ofSeconds(5));
        this.client = newClient();
    }

    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(paho(options.url()), options.clientId(), new MemoryPersistence());
        Callback cb = new Callback();
        cb.owner = c;
        c.setCallback(cb);
        return c;
    }

    /**
     * Every reconnect uses a fresh Paho client: the outbox, not Paho's in-memory state, decides what is
     * sent again. (Paho 1.2.5 resending its own in-flight state after a broker lost the session made
     * Mosquitto 2.0 disconnect it with reason 0x82, protocol error, in a loop.)
     */
    private void replaceClient() throws MqttException {
        MqttAsyncClient old = client;
        client = newClient();
        try {
            old.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.debug("old client: {}", e.toString());
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            log.debug("old client close: {}", e.toString());
        }
    }

    /** Paho knows tcp:// and ssl:// only. */
    private static String paho(String url) {
        return url.replaceFirst("^mqtts://", "ssl://").replaceFirst("^mqtt://", "tcp://");
    }

    /** Registers a filter to (re)subscribe after every connect. Call before {@link #start()} or any time. */
    public void subscribe(String filter, int qos) {
        subscriptions.put(filter, qos);
        if (client.isConnected()) {
            handoff.execute(() -> subscribeAll(Map.of(filter, qos)));
        }
    }

    /** Runs on the handoff executor after every successful connect (status re-publish, outbox resume). */
    public void onConnected(Runnable r) {
        onConnected.add(r);
    }

    /** Starts connecting in the background; see {@link #awaitConnected}. */
    public void start() {
        connectNow();
    }

    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return firstConnect.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Counts completed connects; 0 until the first connect's actions have started. */
    public int connectionEpoch() {
        return connectionEpoch.get();
    }

    public String url() {
        return options.url();
    }

    /**
     * Publishes; the future completes (on the handoff executor) on PUBACK for QoS 1, on write for QoS 0.
     * QoS 1 needs an in-flight permit: when none is free the future fails at once with
     * {@link InflightFullException} (back-pressure for the caller, never a silent drop).
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        boolean permit = qos > 0;
        if (permit && !inflight.tryAcquire()) {
            f.completeExceptionally(new InflightFullException());
            return f;
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retain);
        try {
            client.publish(topic, m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int refused = refusal(token);
                    release(permit);
                    handoff.execute(() -> {
                        if (refused >= 0x80) {
                            metrics.inc(MqttMetrics.PUBLISH_DENIED);
                            connectLog.warn("ALARM: broker refused publish to {} (reason 0x{}): check the ACL",
                                    topic, Integer.toHexString(refused));
                            f.completeExceptionally(new PublishRefusedException(topic, refused));
                        } else {
                            f.complete(null);
                        }
                    });
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    release(permit);
                    handoff.execute(() -> {
                        metrics.inc(MqttMetrics.PUBLISH_FAILED);
                        f.completeExceptionally(e);
                    });
                }
            });
        } catch (MqttException | RuntimeException e) {
            release(permit);
            metrics.inc(MqttMetrics.PUBLISH_FAILED);
            f.completeExceptionally(e);
        }
        return f;
    }

    /** What a {@link #publishAtMostOnce} reports: written (error null) or failed. Runs on a Paho thread. */
    public interface WriteListener {
        void written(Throwable errorOrNull);
    }

    /**
     * QoS 0 publish for telemetry, without the future and the hand-off of {@link #publish}: Paho
     * completes a QoS 0 token when its sender thread has written the packet to the socket, and
     * {@code done} runs right there, on Paho's callback thread. It must only count or time (never call
     * the client: Paho issues #310, #985). Saves a task on the hand-off executor per message, which the
     * inbound commands and the DJI drones share.
     */
    public void publishAtMostOnce(String topic, byte[] payload, WriteListener done) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(0);
        try {
            client.publish(topic, m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.written(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    metrics.inc(MqttMetrics.PUBLISH_FAILED);
                    done.written(e);
                }
            });
        } catch (MqttException | RuntimeException e) {
            metrics.inc(MqttMetrics.PUBLISH_FAILED);
            done.written(e);
        }
    }

    /** Thrown into a publish future when the QoS 1 in-flight window is full (FAULTS.md Q6). */
    public static final class InflightFullException extends Exception {
        InflightFullException() {
            super("QoS 1 in-flight window full", null, false, false);
        }
    }

    public int freeInflightPermits() {
        return inflight.availablePermits();
    }

    private void release(boolean permit) {
        if (permit) {
            inflight.release();
        }
    }

    private static int refusal(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        int worst = 0;
        if (codes != null) {
            for (int c : codes) {
                worst = Math.max(worst, c);
            }
        }
        return worst;
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(options.sessionExpirySeconds());
        o.setKeepAliveInterval(options.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setAutomaticReconnect(false);
        o.setReceiveMaximum(Math.max(options.maxInflight(), 100));
        if (options.username() != null) {
            o.setUserName(options.username());
        }
        if (options.password() != null) {
            o.setPassword(options.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (options.socketFactory() != null) {
            o.setSocketFactory(NoDelaySockets.tls(options.socketFactory()));
            o.setHttpsHostnameVerificationEnabled(true);
        } else {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        if (options.will() != null) {
            MqttMessage w = new MqttMessage(options.will().payload());
            w.setQos(options.will().qos());
            w.setRetained(options.will().retain());
            o.setWill(options.will().topic(), w);
        }
        return o;
    }

    private void connectNow() {
        if (closed.get() || !connecting.compareAndSet(false, true)) {
            return;
        }
        try {
            if (attempted) {
                replaceClient();
            }
            attempted = true;
            client.connect(connectionOptions(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connecting.set(false);
                    // connectComplete (Callback) does the rest on the handoff executor
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    connecting.set(false);
                    handoff.execute(() -> connectFailed(e));
                }
            });
        } catch (MqttException | RuntimeException e) {
            connecting.set(false);
            handoff.execute(() -> connectFailed(e));
        }
    }

    private void connectFailed(Throwable e) {
        metrics.inc(MqttMetrics.CONNECT_FAILURES);
        String tls = options.socketFactory() == null ? null : TlsFailures.reason(e);
        if (tls != null) {
            metrics.inc(MqttMetrics.TLS_FAILURES);
            lastConnectError = "TLS: " + tls;
            connectLog.warn("ALARM: TLS handshake with {} failed: {}; not falling back to plaintext",
                    options.url(), tls);
        } else {
            lastConnectError = rootMessage(e);
            connectLog.warn("cannot connect to MQTT broker {}: {}", options.url(), lastConnectError);
        }
        scheduleReconnect();
    }

    /** Why the latest connect attempt failed ("TLS: server certificate expired ..." for TLS), or null. */
    public String lastConnectError() {
        return lastConnectError;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e) : e.getMessage() + " / " + t;
    }

    private void scheduleReconnect() {
        if (closed.get()) {
            return;
        }
        int n = failuresInARow.getAndIncrement();
        double base = Math.min(options.reconnectMax().toMillis(), 250.0 * (1L << Math.min(n, 20)));
        long delay = (long) (base / 2 + ThreadLocalRandom.current().nextDouble(base / 2 + 1));
        scheduler.schedule(this::connectNow, delay, TimeUnit.MILLISECONDS);
    }

    private void subscribeAll(Map<String, Integer> subs) {
        if (subs.isEmpty() || !client.isConnected()) {
            return;
        }
        String[] filters = subs.keySet().toArray(String[]::new);
        int[] qos = new int[filters.length];
        for (int i = 0; i < filters.length; i++) {
            qos[i] = subs.get(filters[i]);
        }
        try {
            client.subscribe(filters, qos, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int refused = refusal(token);
                    if (refused >= 0x80) {
                        handoff.execute(() -> {
                            metrics.inc(MqttMetrics.PUBLISH_DENIED);
                            log.warn("ALARM: broker refused a subscription of {} (reason 0x{})",
                                    String.join(", ", filters), Integer.toHexString(refused));
                        });
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    handoff.execute(() -> log.warn("subscribe to {} failed: {}", String.join(", ", filters), e.toString()));
                }
            });
        } catch (MqttException | RuntimeException e) {
            log.warn("subscribe to {} failed: {}", String.join(", ", filters), e.toString());
        }
    }

    /** Clean shutdown: DISCONNECT with reason 0 (the broker discards the will, MQTT 5 section 3.14.4). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            log.debug("disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("close: {}", e.toString());
        }
    }

    private final class Callback implements MqttCallback {
        private volatile MqttAsyncClient owner;

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (owner != client) {
                return; // a replaced client going away
            }
            handoff.execute(() -> {
                metrics.inc(MqttMetrics.DISCONNECTS);
                connectLog.warn("MQTT connection to {} lost: {}", options.url(), response);
                scheduleReconnect();
            });
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            handoff.execute(() -> connectLog.warn("MQTT error: {}", exception.toString()));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            java.time.Instant at = clock.instant();
            byte[] copy = message.getPayload().clone();
            handoff.execute(() -> inbound.onMessage(topic, copy, at));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // completion is handled per publish by its listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (owner != client) {
                return;
            }
            handoff.execute(() -> {
                metrics.inc(MqttMetrics.CONNECTS);
                failuresInARow.set(0);
                connectionEpoch.incrementAndGet();
                log.info("MQTT connected to {}", serverURI);
                subscribeAll(Map.copyOf(subscriptions));
                for (Runnable r : onConnected) {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        log.warn("on-connect action failed", e);
                    }
                }
                firstConnect.countDown();
            });
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
