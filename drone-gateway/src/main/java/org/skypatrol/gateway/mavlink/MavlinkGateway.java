package org.skypatrol.gateway.mavlink;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.ConfigException;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.config.Problems;
import org.skypatrol.gateway.drones.DroneRegistry;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.protocols.mavlink.CommandLong;
import org.skypatrol.protocols.mavlink.MavlinkCounter;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.MavlinkTimestampSource;
import org.skypatrol.protocols.mavlink.MavlinkTimestampStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The MAVLink side of the gateway: the configured endpoints on one event loop group, the frame
 * router, the telemetry normaliser, the command tracker and the stream-rate requests. Other parts
 * send to drones through {@link #send} and {@link #sendCommand}.
 */
public final class MavlinkGateway implements Service {

    private static final Logger log = LoggerFactory.getLogger(MavlinkGateway.class);

    private final MavlinkConfig config;
    private final DroneRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final TelemetryNormaliser normaliser;
    private final CommandTracker commands;
    private final FrameRouter router;
    private final StreamRateRequester streamRates;
    private final List<MavlinkEndpoint> endpoints = new ArrayList<>();
    private final TransportFactory transports = TransportFactory.best();
    private EventLoopGroup group;

    /** With outgoing signing timestamps kept in memory only (tests; gateways without signing). */
    public MavlinkGateway(MavlinkConfig config, Clock clock, EventBus events, DroneRegistry registry)
            throws ConfigException {
        this(config, clock, events, registry, MavlinkTimestampStore.inMemory());
    }

    /**
     * @param timestamps where the outgoing signing timestamp ceiling survives restarts (FAULTS S9)
     */
    public MavlinkGateway(MavlinkConfig config, Clock clock, EventBus events, DroneRegistry registry,
                          MavlinkTimestampStore timestamps) throws ConfigException {
        this.config = config;
        this.registry = registry;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("mavlink-timer", true));
        this.normaliser = new TelemetryNormaliser(events);
        this.commands = new CommandTracker(scheduler, Duration.ofMillis(config.commands().ackTimeoutMillis()),
                config.commands().retries());
        this.router = new FrameRouter(clock, registry, normaliser, commands);
        Problems problems = new Problems();
        this.streamRates = new StreamRateRequester(StreamRateRequester.resolve(config.streamRates(), problems),
                this, scheduler);
        if (!problems.isEmpty()) {
            scheduler.shutdownNow();
            throw new ConfigException(problems.list());
        }
        streamRates.attach(events);
        MavlinkTimestampSource signingTime = new MavlinkTimestampSource(clock, timestamps);
        for (MavlinkConfig.Endpoint e : config.endpoints()) {
            SigningFilters signing = SigningFilters.of(e.signing(), clock, signingTime);
            endpoints.add(e.transport() == MavlinkConfig.Transport.UDP
                    ? new UdpEndpoint(e, router, signing) : new TcpEndpoint(e, router, signing));
        }
    }

    @Override
    public void start() throws Exception {
        // One event loop per socket (2 to 8): a UDP socket is read by one loop, so more sockets spread
        // over more loops; 1,000 drones at 10 Hz take well under one core (docs/gateway.md).
        int sockets = endpoints.stream().mapToInt(e -> e.transport() == MavlinkConfig.Transport.UDP
                ? UdpEndpoint.socketsFor(transports) : 1).sum();
        group = transports.newGroup(Math.max(2, Math.min(8, sockets)), "mavlink-io");
        try {
            for (MavlinkEndpoint e : endpoints) {
                e.start(group, transports);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Sends a message from the gateway to a drone; fails when the drone is unknown or has no link. */
    public CompletableFuture<Void> send(String droneId, MavlinkMessage message) {
        Optional<DroneLink> link = router.link(droneId);
        if (link.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("unknown drone " + droneId));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        link.get().send(message).addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        return done;
    }

    /**
     * Sends a message to a drone without waiting; false when there is no route to it (never heard,
     * or its TCP connection is gone).
     */
    public boolean trySend(String droneId, MavlinkMessage message) {
        Optional<DroneLink> link = router.link(droneId);
        if (link.isEmpty() || !link.get().isOpen()) {
            return false;
        }
        link.get().send(message);
        return true;
    }

    /** The MAVLink system id of a registered drone, or -1. */
    public int systemId(String droneId) {
        return registry.byId(droneId).map(d -> d.key().sysid()).orElse(-1);
    }

    /**
     * Registers a listener for every frame from a registered drone (COMMAND_ACKs included), called
     * on the endpoint's event loop: it must not block.
     */
    public void addInboundListener(MavlinkInboundListener listener) {
        router.addListener(listener);
    }

    /**
     * Sends a COMMAND_LONG to the drone's autopilot and tracks it to its COMMAND_ACK (with retries,
     * {@code confirmation} counting them). Completes exceptionally only for an unknown drone.
     */
    public CompletableFuture<CommandOutcome> sendCommand(String droneId, int command, float p1, float p2,
                                                         float p3, float p4, float p5, float p6, float p7) {
        Optional<DroneLink> found = router.link(droneId);
        if (found.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("unknown drone " + droneId));
        }
        DroneLink link = found.get();
        return commands.send(droneId, command, confirmation -> link.send(new CommandLong(link.key().sysid(),
                link.autopilotCompid(), command, confirmation, p1, p2, p3, p4, p5, p6, p7)));
    }

    public List<MavlinkEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    public Optional<MavlinkEndpoint> endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public DroneRegistry registry() {
        return registry;
    }

    public TelemetryNormaliser normaliser() {
        return normaliser;
    }

    public CommandTracker commands() {
        return commands;
    }

    public StreamRateRequester streamRates() {
        return streamRates;
    }

    /** The scheduler of this part (timeouts, link ticks); other features may schedule light work on it. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Frames lost on the way from a drone (sequence gaps), -1 for an unknown drone. */
    public long sequenceLost(String droneId) {
        return router.sequenceLost(droneId);
    }

    /** One line per endpoint for the console and logs. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (MavlinkEndpoint e : endpoints) {
            EndpointStats s = e.stats();
            long drops = e.kernelDrops();
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(String.format(Locale.ROOT,
                    "%s %s:%d  %s=%d ok=%d badCrc=%d truncated=%d junkBytes=%d badSig=%d unsigned=%d"
                            + " unknownSys=%d seqLost=%d out=%d kernelDrops=%s",
                    e.transportName(), e.name(), e.localAddress() == null ? 0 : e.localAddress().getPort(),
                    e.transport() == MavlinkConfig.Transport.TCP ? "reads" : "datagrams", s.packetsIn(),
                    s.framesOk(), s.get(MavlinkCounter.BAD_CRC), s.get(MavlinkCounter.TRUNCATED),
                    s.get(MavlinkCounter.BYTES_SKIPPED), s.get(MavlinkCounter.BAD_SIGNATURE),
                    s.get(MavlinkCounter.UNSIGNED_REJECTED), s.framesFromUnknown(), s.sequenceLost(), s.framesOut(),
                    drops < 0 ? "n/a" : Long.toString(drops)));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (group != null) {
            log.info("MAVLink counters at stop:\n{}", summary());
        }
        for (MavlinkEndpoint e : endpoints) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                log.warn("closing endpoint {} failed", e.name(), ex);
            }
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        scheduler.shutdownNow();
    }
}
