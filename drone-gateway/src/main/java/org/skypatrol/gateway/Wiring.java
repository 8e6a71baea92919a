package org.skypatrol.gateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.skypatrol.gateway.broadcast.BroadcastAuditLog;
import org.skypatrol.gateway.broadcast.BroadcastService;
import org.skypatrol.gateway.broadcast.DjiSpeakerTransport;
import org.skypatrol.gateway.broadcast.DroneSpeakerTransport;
import org.skypatrol.gateway.broadcast.EnforcementLoop;
import org.skypatrol.gateway.broadcast.Scheduler;
import org.skypatrol.gateway.broadcast.LinkStateDirectory;
import org.skypatrol.gateway.broadcast.MavlinkSpeakerLink;
import org.skypatrol.gateway.broadcast.MavlinkSpeakerTransport;
import org.skypatrol.gateway.broadcast.PahoDjiSpeakerLink;
import org.skypatrol.gateway.config.ConfigException;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.drones.DroneRegistry;
import org.skypatrol.gateway.drones.LinkMonitor;
import org.skypatrol.gateway.drones.LinkPolicy;
import org.skypatrol.gateway.mavlink.MavlinkGateway;
import org.skypatrol.protocols.mavlink.MavlinkTimestampStore;
import org.skypatrol.gateway.events.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the gateway from the configuration with constructor
 * injection (no service locator, no static singletons), starts them in order and stops them in
 * reverse. Each feature adds its parts in {@link #build()}, in its own clearly marked block.
 */
public final class Wiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    private final GatewayConfig config;
    private final Clock clock;
    private final EventBus events = new EventBus();
    private final List<Service> services = new ArrayList<>();
    private final List<Service> started = new ArrayList<>();
    private org.skypatrol.gateway.video.VideoModule video;
    private org.skypatrol.gateway.video.VideoDiscovery videoDiscovery;
    private BroadcastService broadcasts;
    // issue 2: the drone registry and the MAVLink side, for the features that talk to drones
    private DroneRegistry drones;
    private MavlinkGateway mavlink;
    // issue 5: live analytics (null when no source has a scene)
    private org.skypatrol.gateway.analytics.LiveAnalytics analytics;
    // metrics: the Prometheus registry and its endpoint (null when metrics.enabled is false)
    private org.skypatrol.gateway.metrics.GatewayMetrics metrics;
    private org.skypatrol.gateway.metrics.MetricsServer metricsServer;

    public Wiring(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        build();
    }

    private void build() {
        // --- MAVLink endpoints, drone registry, telemetry normaliser (issue 2) ---
        MavlinkConfig mav = config.mavlink();
        LinkPolicy linkPolicy = LinkPolicy.ofSeconds(mav.link().staleAfterSeconds(), mav.link().offlineAfterSeconds());
        drones = new DroneRegistry(clock, events, mav.names(), linkPolicy);
        try {
            mavlink = add(new MavlinkGateway(mav, clock, events, drones, MavlinkTimestampStore.file(
                    config.gateway().dataPath().resolve("mavlink").resolve("signing-timestamp"))));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        add(new LinkMonitor(drones, mavlink.scheduler(), LinkMonitor.periodFor(linkPolicy)));

        // --- MQTT: embedded broker, command-centre bridge, outbox, DJI drones (issue 3) ---
        if (config.mqtt().enabled()) {
            org.skypatrol.gateway.config.MqttConfig mq = config.mqtt();
            org.skypatrol.gateway.mqtt.EmbeddedBroker broker = mq.embeddedBroker()
                    ? add(new org.skypatrol.gateway.mqtt.EmbeddedBroker(mq.embedded().bind(), mq.embedded().port(),
                            config.gateway().dataPath().resolve("broker")))
                    : null;
            // inbound broadcast requests go to the broadcast service (built below) when it is enabled,
            // otherwise they are answered "rejected: not implemented", visibly
            org.skypatrol.gateway.events.BroadcastRequestHandler notImplemented =
                    new org.skypatrol.gateway.mqtt.NotImplementedBroadcastHandler(events, clock);
            org.skypatrol.gateway.events.BroadcastRequestHandler broadcastHandoff =
                    r -> (this.broadcasts != null ? this.broadcasts : notImplemented).submit(r);
            add(new org.skypatrol.gateway.mqtt.MqttBridge(mq, config.gateway().id(),
                    config.gateway().dataPath().resolve("outbox"), broker == null ? mq::url : broker::url,
                    events, clock, broadcastHandoff));
        }

        // --- Video: sources, RTSP publish server, recorder, replay, HTTP API (issue 4) ---
        if (config.video().enabled()) {
            video = add(new org.skypatrol.gateway.video.VideoModule(config, clock, events));
            if (config.video().discoverFromMavlink() && mavlink != null) {
                MavlinkGateway mavGw = mavlink;
                org.skypatrol.gateway.video.VideoModule vm = video;
                org.skypatrol.gateway.video.VideoDiscovery discovery = new org.skypatrol.gateway.video.VideoDiscovery(
                        id -> mavGw.sendCommand(id, org.skypatrol.gateway.video.VideoDiscovery.MAV_CMD_REQUEST_MESSAGE,
                                org.skypatrol.protocols.mavlink.VideoStreamInformation.ID, 0, 0, 0, 0, 0, 0),
                        (id, uri) -> vm.replaceSource(id, uri, id));
                events.subscribe(org.skypatrol.gateway.events.DroneStatusEvent.class, discovery::onDroneStatus);
                mavGw.addInboundListener((id, frame, m) -> discovery.onMessage(id, m));
                videoDiscovery = discovery;
            }
        }

        // --- Broadcasts to drones (issue 6) ---
        if (config.broadcast().enabled()) {
            BroadcastAuditLog audit = add(new BroadcastAuditLog(BroadcastAuditLog.storeUrl(config.gateway().dataPath())));
            LinkStateDirectory directory = new LinkStateDirectory(events);
            List<DroneSpeakerTransport> speakers = new ArrayList<>();
            MavlinkGateway mavGw = mavlink;
            MavlinkSpeakerTransport mavSpeaker = new MavlinkSpeakerTransport(new MavlinkSpeakerLink() {
                @Override
                public int systemId(String droneId) {
                    return mavGw.systemId(droneId);
                }

                @Override
                public boolean send(String droneId, org.skypatrol.protocols.mavlink.MavlinkMessage m) {
                    return mavGw.trySend(droneId, m);
                }
            }, config.broadcast().mavlink(), mavGw.scheduler());
            mavGw.addInboundListener((droneId, frame, m) -> mavSpeaker.onMessage(droneId, frame.componentId(), m));
            speakers.add(mavSpeaker);
            if (config.mqtt().enabled()) {
                // DJI docks and remote controllers are on the same broker as the command centre
                java.util.function.Supplier<String> brokerUrl = config.mqtt().embeddedBroker()
                        ? () -> services.stream().filter(org.skypatrol.gateway.mqtt.EmbeddedBroker.class::isInstance)
                                .map(b -> ((org.skypatrol.gateway.mqtt.EmbeddedBroker) b).url()).findFirst().orElseThrow()
                        : config.mqtt()::url;
                PahoDjiSpeakerLink djiLink = add(new PahoDjiSpeakerLink(brokerUrl,
                        config.gateway().id() + "-speaker",
                        id -> "dji".equals(directory.lookup(id).transport()),
                        config.mqtt().username(), config.mqtt().password()));
                DjiSpeakerTransport djiSpeaker = new DjiSpeakerTransport(djiLink, config.broadcast().dji(),
                        mavGw.scheduler(), clock);
                djiLink.attach(djiSpeaker);
                speakers.add(djiSpeaker);
            }
            broadcasts = add(new BroadcastService(config.broadcast(), clock, events, directory, speakers, audit));
            add(new EnforcementLoop(config.broadcast(), clock, events, broadcasts, directory,
                    Scheduler.of(mavGw.scheduler()), audit));
            if (config.broadcast().http().enabled()) {
                add(new org.skypatrol.gateway.broadcast.BroadcastHttpApi(config.broadcast().http(), broadcasts));
            }
        }

        // --- Analytics per video source (issue 5) ---
        // After the broadcasts: services stop in reverse order, so the alerts the analysis ends while
        // stopping still reach the enforcement loop and its audit log (and, before them, the MQTT outbox).
        if (!config.analytics().active().isEmpty()) {
            org.skypatrol.gateway.analytics.AlertStore alertStore = add(new org.skypatrol.gateway.analytics.AlertStore(
                    org.skypatrol.gateway.analytics.AlertStore.storeUrl(config.gateway().dataPath())));
            analytics = add(new org.skypatrol.gateway.analytics.LiveAnalytics(config.analytics(), config.video(),
                    video == null ? null : video.hub(), config.gateway().dataPath(), clock, events, alertStore));
        }

        // --- Metrics: Prometheus GET /metrics on a management port (docs/metrics.md) ---
        // Last, so every part exists; the meters only read the parts' own counters.
        if (config.metrics().enabled()) {
            metrics = new org.skypatrol.gateway.metrics.GatewayMetrics(config.gateway().dataPath())
                    .mavlink(mavlink).events(events);
            first(org.skypatrol.gateway.mqtt.MqttBridge.class)
                    .ifPresent(b -> metrics.mqtt(b, config.mqtt().outbox().maxBytes(), clock));
            if (broadcasts != null) {
                metrics.broadcasts(broadcasts, first(org.skypatrol.gateway.broadcast.BroadcastHttpApi.class).orElse(null));
            }
            if (video != null) {
                metrics.video(video);
            }
            if (analytics != null) {
                metrics.analytics(analytics);
            }
            add(metrics);
            metricsServer = add(new org.skypatrol.gateway.metrics.MetricsServer(config.metrics(), metrics::scrape));
        }
    }

    /** The first service of a type added so far (metrics block: parts no field keeps). */
    private <S extends Service> java.util.Optional<S> first(Class<S> type) {
        return services.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Adds a service to be started by {@link #start()} (in the order added). */
    public <S extends Service> S add(S service) {
        services.add(service);
        return service;
    }

    /** Starts every service; if one fails, the ones already started are closed and the error rethrown. */
    public void start() throws Exception {
        for (Service s : services) {
            try {
                s.start();
                started.add(s);
            } catch (Exception e) {
                log.error("failed to start {}: {}", s.getClass().getSimpleName(), e.toString());
                close();
                throw e;
            }
        }
    }

    /** The video module (sources, recorder, replay), or null when video is disabled. */
    /** MAVLink video auto-discovery, or null when {@code video.discoverFromMavlink} is off. */
    public org.skypatrol.gateway.video.VideoDiscovery videoDiscovery() {
        return videoDiscovery;
    }

    public org.skypatrol.gateway.video.VideoModule video() {
        return video;
    }

    public GatewayConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The loudspeaker broadcast service, or null when {@code broadcast.enabled} is false. */
    public BroadcastService broadcasts() {
        return broadcasts;
    }

    public EventBus events() {
        return events;
    }

    /** Every drone the gateway knows, with its link state (issue 2). */
    public DroneRegistry drones() {
        return drones;
    }

    /** MAVLink endpoints, sending to drones and commands with acks (issue 2). */
    public MavlinkGateway mavlink() {
        return mavlink;
    }

    /** Live analytics per video source with a scene, or null when there is none (issue 5). */
    public org.skypatrol.gateway.analytics.LiveAnalytics analytics() {
        return analytics;
    }

    /** Every metric of the gateway, or null when {@code metrics.enabled} is false. */
    public org.skypatrol.gateway.metrics.GatewayMetrics metrics() {
        return metrics;
    }

    /** The {@code GET /metrics} endpoint (its port and URL), or null when {@code metrics.enabled} is false. */
    public org.skypatrol.gateway.metrics.MetricsServer metricsServer() {
        return metricsServer;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                log.warn("error while stopping {}", started.get(i).getClass().getSimpleName(), e);
            }
        }
        started.clear();
    }
}
