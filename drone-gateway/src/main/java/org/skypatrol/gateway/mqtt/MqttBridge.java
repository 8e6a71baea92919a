package org.skypatrol.gateway.mqtt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.MqttConfig;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.CameraStatusEvent;
import org.skypatrol.gateway.events.BroadcastRequestHandler;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.protocols.mqtt.AckPayload;
import org.skypatrol.protocols.mqtt.CameraStatusPayload;
import org.skypatrol.protocols.mqtt.DroneStatusPayload;
import org.skypatrol.protocols.mqtt.GatewayStatusPayload;
import org.skypatrol.protocols.mqtt.PayloadJson;
import org.skypatrol.protocols.mqtt.TelemetryPayload;
import org.skypatrol.protocols.mqtt.TopicRoute;
import org.skypatrol.protocols.mqtt.Topics;
import org.skypatrol.protocols.telemetry.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of the command-centre MQTT tree (DESIGN.md "MQTT topics"): telemetry (rate-limited,
 * QoS 0), retained drone and gateway status (QoS 1, re-published after every reconnect because a
 * broker killed with SIGKILL forgets retained messages), alerts and command results through the
 * durable outbox, inbound broadcast commands and application acks, and the DJI Cloud API topics.
 */
public final class MqttBridge implements Service {

    private static final Logger log = LoggerFactory.getLogger(MqttBridge.class);

    /** Where the broker is, decided at start (the embedded broker's port may be picked then). */
    public interface BrokerUrl {
        String get();
    }

    private final MqttConfig config;
    private final String gatewayId;
    private final Path outboxDir;
    private final BrokerUrl brokerUrl;
    private final EventBus bus;
    private final Clock clock;
    private final BroadcastRequestHandler broadcasts;
    private final Topics topics;
    private final MqttMetrics metrics = new MqttMetrics();
    private final TelemetryStages stages = new TelemetryStages();
    static final long STAGE_LOG_SECONDS = 10;
    private final Map<String, DroneStatusEvent> droneStatus = new ConcurrentHashMap<>();
    private final Map<String, CameraStatusEvent> cameraStatus = new ConcurrentHashMap<>();
    private ExecutorService inbound;
    private ExecutorService outboxWriter;
    private ScheduledExecutorService timers;
    private ScheduledExecutorService connector;
    private MqttLink link;
    private DurableOutbox outbox;
    private OutboxSender sender;
    private TelemetryThrottle throttle;
    private CommandInbox commands;
    private DjiIngest dji;
    private volatile boolean running;
    private Duration startupWait = Duration.ofSeconds(10);

    public MqttBridge(MqttConfig config, String gatewayId, Path outboxDir, BrokerUrl brokerUrl, EventBus bus,
                      Clock clock, BroadcastRequestHandler broadcasts) {
        this.config = config;
        this.gatewayId = gatewayId;
        this.outboxDir = outboxDir;
        this.brokerUrl = brokerUrl;
        this.bus = bus;
        this.clock = clock;
        this.broadcasts = broadcasts;
        this.topics = new Topics(config.topicPrefix());
    }

    /** How long {@link #start()} waits for the first connect before going on in the background. */
    public MqttBridge startupWait(Duration wait) {
        this.startupWait = wait;
        return this;
    }

    public MqttMetrics metrics() {
        return metrics;
    }

    public Topics topics() {
        return topics;
    }

    public DurableOutbox outbox() {
        return outbox;
    }

    public boolean isConnected() {
        return link != null && link.isConnected();
    }

    /** Why the latest connect attempt failed (TLS reasons named, e.g. an expired server certificate), or null. */
    public String lastConnectError() {
        return link == null ? null : link.lastConnectError();
    }

    @Override
    public void start() throws Exception {
        inbound = Executors.newSingleThreadExecutor(r -> daemon(r, "mqtt-inbound"));
        outboxWriter = Executors.newSingleThreadExecutor(r -> daemon(r, "outbox-writer"));
        timers = Executors.newScheduledThreadPool(1, r -> daemon(r, "mqtt-timers"));
        // reconnect attempts get their own thread so they never delay telemetry flushes
        connector = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mqtt-connect"));
        outbox = new DurableOutbox(outboxDir, gatewayId, config.outbox().maxBytes(), config.outbox().highWaterPercent(),
                config.outbox().segmentBytes(), metrics);
        String url = brokerUrl.get();
        MqttLink.Will will = new MqttLink.Will(topics.gatewayStatus(gatewayId),
                PayloadJson.toBytes(GatewayStatusPayload.of(clock.instant(), gatewayId, GatewayStatusPayload.State.OFFLINE,
                        version())), 1, true);
        MqttLink.Options options = new MqttLink.Options(url,
                config.clientId() == null ? "skypatrol-" + gatewayId : config.clientId(), config.username(),
                config.password(), url.startsWith("ssl://") || url.startsWith("mqtts://") ? TlsContexts.socketFactory(config.tls())
                        : null, config.keepAliveSeconds(), config.sessionExpirySeconds(), config.maxInflight(),
                Duration.ofMillis((long) (config.reconnectMaxSeconds() * 1000)), will);
        link = new MqttLink(options, metrics, inbound, connector, clock, this::route);
        sender = new OutboxSender(outbox, link, metrics, clock, config.outbox().ackRequired(),
                Duration.ofMillis((long) (config.outbox().ackTimeoutSeconds() * 1000)),
                Math.max(1, config.maxInflight() - 10));
        throttle = new TelemetryThrottle(config.telemetryRateHz(), clock,
                (task, ms) -> timers.schedule(task, ms, TimeUnit.MILLISECONDS), this::publishTelemetry, metrics);
        commands = new CommandInbox(new BroadcastRequestValidator(config.maxInboundBytes()), this::rejectDrone,
                broadcasts, bus, clock, metrics);
        dji = new DjiIngest(bus, clock, metrics, Duration.ofMillis((long) (config.dji().staleSeconds() * 1000)));

        link.subscribe(topics.allBroadcastCommandsFilter(), 1);
        link.subscribe(topics.gatewayAcks(gatewayId), 1);
        if (config.dji().enabled()) {
            link.subscribe(Topics.DJI_OSD_FILTER, 0);
            link.subscribe(Topics.DJI_STATE_FILTER, 0);
            link.subscribe(Topics.DJI_STATUS_FILTER, 1);
            link.subscribe(Topics.DJI_DRC_UP_FILTER, 0);
            long ms = Math.max(200, (long) (config.dji().staleSeconds() * 250));
            timers.scheduleAtFixedRate(dji::checkLiveness, ms, ms, TimeUnit.MILLISECONDS);
        }
        link.onConnected(this::republishStatus);
        timers.scheduleAtFixedRate(this::logStages, STAGE_LOG_SECONDS, STAGE_LOG_SECONDS, TimeUnit.SECONDS);

        bus.subscribe(TelemetryEvent.class, e -> throttle.offer(e.telemetry()));
        bus.subscribe(DroneStatusEvent.class, this::onDroneStatus);
        bus.subscribe(CameraStatusEvent.class, e -> {
            if (Topics.isValidId(e.cameraId())) {
                cameraStatus.put(e.cameraId(), e);
                inbound.execute(() -> publishCameraStatus(e));
            }
        });
        bus.subscribe(AlertEvent.class, e -> outboxWriter.execute(() -> store(topics.alerts(e.alert().sourceId()),
                id -> PayloadJson.toBytes(e.alert().withMessageId(id)))));
        bus.subscribe(CommandResultEvent.class, e -> {
            commands.record(e);
            outboxWriter.execute(() -> store(topics.commandResult(e.droneId()),
                    id -> PayloadJson.toBytes(e.toPayload().withMessageId(id))));
        });
        running = true;
        sender.start();
        link.start();
        if (!link.awaitConnected(startupWait)) {
            log.warn("MQTT broker {} not reachable yet; retrying in the background (alerts are kept in the outbox)", url);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static String version() {
        String v = MqttBridge.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    private void store(String topic, java.util.function.Function<String, byte[]> payload) {
        try {
            byte[] probe = payload.apply("x");
            if (probe.length > config.maxPayloadBytes()) {
                metrics.inc(MqttMetrics.OUTBOX_REFUSED_OVERSIZE);
                log.error("ALARM: message for {} is {} bytes, above mqtt.maxPayloadBytes {}: not sent", topic,
                        probe.length, config.maxPayloadBytes());
                return;
            }
            if (outbox.append(topic, payload).isPresent()) {
                sender.poke();
            }
        } catch (IOException e) {
            log.error("ALARM: cannot write the outbox for {}: {}", topic, e.toString());
        }
    }

    private void publishTelemetry(Telemetry t) {
        if (!running || !Topics.isValidId(t.droneId())) {
            return;
        }
        if (!link.isConnected()) {
            metrics.inc(MqttMetrics.TELEMETRY_DROPPED_OFFLINE);
            return;
        }
        long start = System.nanoTime();
        stages.hold(Math.max(0, ChronoUnit.MICROS.between(t.time(), clock.instant())));
        byte[] payload = PayloadJson.toBytes(TelemetryPayload.of(t));
        long serialised = System.nanoTime();
        stages.serialise((serialised - start) / 1000);
        link.publishAtMostOnce(topics.telemetry(t.droneId()), payload, err -> {
            if (err == null) {
                stages.write((System.nanoTime() - serialised) / 1000);
                metrics.inc(MqttMetrics.TELEMETRY_OUT);
            } else {
                metrics.inc(MqttMetrics.TELEMETRY_DROPPED_BACKPRESSURE);
            }
        });
    }

    /** Where telemetry spends its time in the gateway (see {@link TelemetryStages}). */
    public TelemetryStages telemetryStages() {
        return stages;
    }

    /** Every {@link #STAGE_LOG_SECONDS}: the telemetry stages of that window, when any telemetry went out. */
    private void logStages() {
        TelemetryStages.Window w = stages.drain();
        if (w.hold().count() > 0) {
            log.info("telemetry stages over {} s: {} messages; receive->throttle release {}; serialise {}; "
                    + "Paho write {}", STAGE_LOG_SECONDS, w.hold().count(), w.hold(), w.serialise(), w.write());
        }
    }

    private void onDroneStatus(DroneStatusEvent e) {
        if (!Topics.isValidId(e.droneId())) {
            return;
        }
        droneStatus.put(e.droneId(), e);
        if (e.state() == DroneStatusEvent.LinkState.OFFLINE) {
            throttle.forget(e.droneId());
        }
        try {
            inbound.execute(() -> publishDroneStatus(e));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            if (running) {
                throw stopping;
            }
            // stopping: the registry still ticks after the bridge closed (services stop in reverse order)
        }
    }

    private void publishDroneStatus(DroneStatusEvent e) {
        if (!link.isConnected()) {
            return; // re-published on connect
        }
        DroneStatusPayload p = DroneStatusPayload.of(clock.instant(), e.droneId(),
                DroneStatusPayload.State.valueOf(e.state().name()), e.lastSeen(), e.transport());
        link.publish(topics.droneStatus(e.droneId()), PayloadJson.toBytes(p), 1, true)
                .whenComplete((ok, err) -> metrics.inc(err == null ? MqttMetrics.STATUS_OUT : MqttMetrics.PUBLISH_FAILED));
    }

    private void publishCameraStatus(CameraStatusEvent e) {
        if (!link.isConnected()) {
            return; // re-published on connect
        }
        CameraStatusPayload p = CameraStatusPayload.of(e.time(), e.cameraId(),
                CameraStatusPayload.State.valueOf(e.state().name()), e.fps(), e.lastFrame(), e.frames(), e.drops(),
                e.restarts(), e.recording(), e.error());
        link.publish(topics.cameraStatus(e.cameraId()), PayloadJson.toBytes(p), 1, true)
                .whenComplete((ok, err) -> metrics.inc(err == null ? MqttMetrics.STATUS_OUT : MqttMetrics.PUBLISH_FAILED));
    }

    /** After every connect: gateway online, and every drone's last status (the broker may have lost them). */
    private void republishStatus() {
        byte[] online = PayloadJson.toBytes(GatewayStatusPayload.of(clock.instant(), gatewayId,
                GatewayStatusPayload.State.ONLINE, version()));
        link.publish(topics.gatewayStatus(gatewayId), online, 1, true)
                .whenComplete((ok, err) -> metrics.inc(err == null ? MqttMetrics.STATUS_OUT : MqttMetrics.PUBLISH_FAILED));
        droneStatus.values().forEach(this::publishDroneStatus);
        cameraStatus.values().forEach(this::publishCameraStatus);
    }

    private String rejectDrone(String droneId) {
        DroneStatusEvent s = droneStatus.get(droneId);
        if (s == null) {
            return "unknown drone " + droneId;
        }
        if (s.state() == DroneStatusEvent.LinkState.OFFLINE) {
            return "drone " + droneId + " is offline";
        }
        return null;
    }

    /** Every inbound message, on the inbound executor. */
    private void route(String topic, byte[] payload, java.time.Instant receivedAt) {
        TopicRoute r = topics.parse(topic).orElse(null);
        if (r instanceof TopicRoute.BroadcastCommand b) {
            commands.onBroadcast(b.id(), payload);
        } else if (r instanceof TopicRoute.GatewayAcks a && a.id().equals(gatewayId)) {
            onAck(payload);
        } else if (r instanceof TopicRoute.DjiOsd || r instanceof TopicRoute.DjiState
                || r instanceof TopicRoute.DjiStatus || r instanceof TopicRoute.DjiDrcUp) {
            dji.onMessage(r, payload, receivedAt);
        } else {
            metrics.inc(MqttMetrics.INBOUND_UNROUTED);
        }
    }

    private void onAck(byte[] payload) {
        metrics.inc(MqttMetrics.ACKS_IN);
        if (payload.length > config.maxInboundBytes() * 8) {
            log.warn("ack message of {} bytes ignored (too large)", payload.length);
            return;
        }
        try {
            AckPayload ack = PayloadJson.fromBytes(payload, AckPayload.class);
            if (ack.messageIds().size() <= AckPayload.MAX_IDS) {
                sender.acknowledged(ack.messageIds());
            }
        } catch (IOException e) {
            log.warn("malformed ack message ignored: {}", e.getMessage());
        }
    }

    /** Clean stop: gateway offline (retained), DISCONNECT (so the will is not sent), outbox closed. */
    @Override
    public void close() {
        running = false;
        if (link != null && link.isConnected()) {
            byte[] offline = PayloadJson.toBytes(GatewayStatusPayload.of(clock.instant(), gatewayId,
                    GatewayStatusPayload.State.OFFLINE, version()));
            try {
                link.publish(topics.gatewayStatus(gatewayId), offline, 1, true).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("could not publish gateway offline status: {}", e.toString());
            }
        }
        if (sender != null) {
            sender.close();
        }
        if (link != null) {
            link.close();
        }
        shutdown(outboxWriter);
        shutdown(inbound);
        shutdown(timers);
        shutdown(connector);
        if (outbox != null) {
            outbox.close();
        }
    }

    private static void shutdown(ExecutorService e) {
        if (e == null) {
            return;
        }
        e.shutdown();
        try {
            if (!e.awaitTermination(2, TimeUnit.SECONDS)) {
                e.shutdownNow();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            e.shutdownNow();
        }
    }
}
