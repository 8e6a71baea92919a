package org.skypatrol.gateway.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.broadcast.DroneSpeakerTransport.Stage;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.BroadcastRequestEvent;
import org.skypatrol.gateway.events.BroadcastRequestHandler;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.protocols.mqtt.CommandResultPayload.Status;
import org.skypatrol.gateway.events.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loudspeaker command service: takes broadcast requests from MQTT, the CLI, the HTTP API and
 * the enforcement policies, and drives each through accepted → delivered → playing → done (or
 * failed / timeout / rejected), publishing every change as a {@link CommandResultEvent} and writing
 * it to the {@link BroadcastAuditLog}.
 *
 * <ul>
 *   <li>Idempotent by commandId: a repeated id (MQTT QoS 1 redelivery) is not executed again; its
 *       latest result is answered again (FAULTS L2).</li>
 *   <li>Unknown drone → {@code rejected "unknown drone"}; offline → {@code failed "offline"}, at
 *       once, never queued (FAULTS L3). A bad app-level signature → {@code rejected} and audited (L4).</li>
 *   <li>One broadcast plays per drone; a higher priority pre-empts the one playing (which ends
 *       {@code failed "preempted by ..."}); an equal or lower one waits in a small per-drone queue.</li>
 *   <li>Per-drone limits: text length and broadcasts per minute; every command has a ttl.</li>
 * </ul>
 *
 * All state lives on one thread ({@code broadcast-service}); transports report from their own
 * threads and are handed over to it.
 */
public final class BroadcastService implements Service, BroadcastRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(BroadcastService.class);
    private static final int REMEMBERED_COMMANDS = 10_000;

    private final BroadcastConfig config;
    private final Clock clock;
    private final EventBus bus;
    private final DroneDirectory directory;
    private final List<DroneSpeakerTransport> transports;
    private final BroadcastAuditLog audit;
    private final RequestSignature signature;
    private final BroadcastCounters counters = new BroadcastCounters();
    private final RateLimiter rateLimiter;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "broadcast-service");
        t.setDaemon(true);
        return t;
    });

    /** Every command seen recently, by id (bounded, oldest forgotten first). */
    private final Map<String, Command> commands = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Command> eldest) {
            return size() > REMEMBERED_COMMANDS && eldest.getValue().status.isFinal();
        }
    };
    private final Map<String, Lane> lanes = new HashMap<>();

    /** One command's state; touched only on the service thread. */
    private static final class Command {
        final BroadcastRequest request;
        final long sequence;
        Status status;
        CommandResultEvent last;
        DroneSpeakerTransport.Playback playback;
        ScheduledFuture<?> ttlTimer;

        Command(BroadcastRequest request, long sequence) {
            this.request = request;
            this.sequence = sequence;
        }
    }

    /** What one drone's loudspeaker is doing: the command playing and those waiting. */
    private static final class Lane {
        Command active;
        final PriorityQueue<Command> waiting = new PriorityQueue<>(
                Comparator.<Command>comparingInt(c -> -c.request.priority()).thenComparingLong(c -> c.sequence));
    }

    private long sequence;

    public BroadcastService(BroadcastConfig config, Clock clock, EventBus bus, DroneDirectory directory,
                            List<DroneSpeakerTransport> transports, BroadcastAuditLog audit) {
        this.config = config;
        this.clock = clock;
        this.bus = bus;
        this.directory = directory;
        this.transports = List.copyOf(transports);
        this.audit = audit;
        this.signature = new RequestSignature(config.requestKeys());
        this.rateLimiter = new RateLimiter(config.maxPerDronePerMinute(), Duration.ofMinutes(1));
    }

    @Override
    public void start() {
        log.info("broadcast service ready ({} transports: {})", transports.size(),
                transports.stream().map(DroneSpeakerTransport::name).toList());
    }

    /**
     * Submits a request. The future completes with the first answer: {@code accepted},
     * {@code rejected} or {@code failed}, or for a repeated commandId its latest cached result.
     * Later states arrive as {@link CommandResultEvent}s on the bus.
     */
    public CompletableFuture<CommandResultEvent> submit(BroadcastRequest request) {
        CompletableFuture<CommandResultEvent> answer = new CompletableFuture<>();
        boolean queued = hop(() -> {
            try {
                answer.complete(doSubmit(request));
            } catch (RuntimeException e) {
                if (!exec.isShutdown()) {
                    counters.internalErrors.incrementAndGet();
                    log.error("broadcast {} failed inside the service", request.commandId(), e);
                }
                answer.completeExceptionally(e);
            }
        });
        if (!queued) {
            answer.completeExceptionally(new IllegalStateException("broadcast service stopped"));
        }
        return answer;
    }

    /** The MQTT bridge's hand-off: maps and submits without blocking; results arrive on the bus. */
    @Override
    public void submit(BroadcastRequestEvent request) {
        submit(InboundRequests.map(request));
    }

    /** The latest result of a command still remembered. */
    public Optional<CommandResultEvent> latest(String commandId) {
        return call(() -> {
            Command c = commands.get(commandId);
            return Optional.ofNullable(c == null ? null : c.last);
        });
    }

    public BroadcastCounters counters() {
        return counters;
    }

    private CommandResultEvent doSubmit(BroadcastRequest r) {
        Command existing = r.commandId() == null ? null : commands.get(r.commandId());
        if (existing != null) {
            counters.duplicates.incrementAndGet();
            bus.publish(existing.last);       // answer the repeat with the cached result (FAULTS L2)
            return existing.last;
        }
        Command c = new Command(r, sequence++);
        String problem = r.problem(config.maxTextLength());
        if (problem != null) {
            return refuse(c, Status.REJECTED, problem);
        }
        if (r.source().remote() && !signature.verify(r)) {
            counters.unauthorised.incrementAndGet();
            return refuse(c, Status.REJECTED, "unauthorised: bad or missing signature");
        }
        DroneDirectory.Entry link = directory.lookup(r.droneId());
        if (link.presence() == DroneDirectory.Presence.UNKNOWN) {
            return refuse(c, Status.REJECTED, "unknown drone");
        }
        if (link.presence() == DroneDirectory.Presence.OFFLINE) {
            return refuse(c, Status.FAILED, "offline");
        }
        DroneSpeakerTransport transport = transportFor(r.droneId(), link.transport());
        if (transport == null) {
            return refuse(c, Status.REJECTED, "no loudspeaker transport for this drone");
        }
        Lane lane = lanes.computeIfAbsent(r.droneId(), k -> new Lane());
        boolean preempts = lane.active == null || r.priority() > lane.active.request.priority();
        if (!preempts && lane.waiting.size() >= config.queuePerDrone()) {
            return refuse(c, Status.REJECTED, "busy: loudspeaker queue full");
        }
        if (!rateLimiter.tryAcquire(r.droneId(), clock.instant())) {
            counters.rateLimited.incrementAndGet();
            return refuse(c, Status.REJECTED, "rate limited (max " + config.maxPerDronePerMinute() + " per minute)");
        }
        commands.put(r.commandId(), c);
        CommandResultEvent accepted = change(c, Status.ACCEPTED, null);
        counters.accepted.incrementAndGet();
        Duration ttl = r.ttl() != null ? r.ttl() : Duration.ofSeconds(config.defaultTtlSeconds());
        c.ttlTimer = exec.schedule(() -> expire(c), ttl.toMillis(), TimeUnit.MILLISECONDS);
        if (lane.active == null) {
            begin(lane, c, transport);
        } else if (preempts) {
            Command old = lane.active;
            counters.preempted.incrementAndGet();
            stopPlayback(old);
            finish(old, Status.FAILED, "preempted by " + r.commandId());
            begin(lane, c, transport);
        } else {
            lane.waiting.add(c);
        }
        return accepted;
    }

    private CommandResultEvent refuse(Command c, Status status, String reason) {
        counters.refused(status).incrementAndGet();
        if (c.request.commandId() != null && c.request.commandId().matches("[A-Za-z0-9_.:-]{1,64}")) {
            commands.put(c.request.commandId(), c);   // a repeat gets the same answer
        }
        return change(c, status, reason);
    }

    private DroneSpeakerTransport transportFor(String droneId, String linkTransport) {
        for (DroneSpeakerTransport t : transports) {
            if (t.name().equals(linkTransport) && t.serves(droneId)) {
                return t;
            }
        }
        for (DroneSpeakerTransport t : transports) {
            if (t.serves(droneId)) {
                return t;
            }
        }
        return null;
    }

    private void begin(Lane lane, Command c, DroneSpeakerTransport transport) {
        lane.active = c;
        try {
            c.playback = transport.play(SpeakerOrder.of(c.request),
                    (stage, reason) -> hop(() -> onProgress(c, stage, reason)));
        } catch (RuntimeException e) {
            counters.internalErrors.incrementAndGet();
            log.warn("transport {} could not start broadcast {}", transport.name(), c.request.commandId(), e);
            finish(c, Status.FAILED, "transport error: " + e.getMessage());
        }
    }

    private void onProgress(Command c, Stage stage, String reason) {
        if (c.status.isFinal()) {
            return;       // pre-empted or expired meanwhile: late acks are ignored
        }
        switch (stage) {
            case DELIVERED -> advance(c, Status.DELIVERED, reason);
            case PLAYING -> {
                if (c.status == Status.ACCEPTED) {
                    advance(c, Status.DELIVERED, "implied by playing");
                }
                advance(c, Status.PLAYING, reason);
            }
            case DONE -> finish(c, Status.DONE, reason);
            case FAILED -> finish(c, Status.FAILED, reason);
            case TIMEOUT -> finish(c, Status.TIMEOUT, reason);
        }
    }

    private void advance(Command c, Status s, String reason) {
        if (s.ordinal() > c.status.ordinal()) {
            change(c, s, reason);
        }
    }

    private void expire(Command c) {
        if (c.status.isFinal()) {
            return;
        }
        counters.expired.incrementAndGet();
        stopPlayback(c);
        Lane lane = lanes.get(c.request.droneId());
        if (lane != null) {
            lane.waiting.remove(c);
        }
        finish(c, Status.TIMEOUT, "ttl expired in state " + Wire.status(c.status));
    }

    private void stopPlayback(Command c) {
        if (c.playback != null) {
            try {
                c.playback.stop();
            } catch (RuntimeException e) {
                counters.internalErrors.incrementAndGet();
                log.warn("stopping broadcast {} failed", c.request.commandId(), e);
            }
        }
    }

    /** Ends a command and starts the next waiting one on its drone. */
    private void finish(Command c, Status terminal, String reason) {
        counters.finished(terminal).incrementAndGet();
        change(c, terminal, reason);
        if (c.ttlTimer != null) {
            c.ttlTimer.cancel(false);
        }
        Lane lane = lanes.get(c.request.droneId());
        if (lane == null || lane.active != c) {
            return;
        }
        lane.active = null;
        Command next;
        while ((next = lane.waiting.poll()) != null) {
            if (next.status.isFinal()) {
                continue;
            }
            DroneDirectory.Entry link = directory.lookup(next.request.droneId());
            DroneSpeakerTransport t = link.presence() == DroneDirectory.Presence.ONLINE
                    ? transportFor(next.request.droneId(), link.transport()) : null;
            if (t == null) {
                finish(next, Status.FAILED, "offline");
                continue;
            }
            begin(lane, next, t);
            return;
        }
    }

    private CommandResultEvent change(Command c, Status s, String reason) {
        c.status = s;
        CommandResultEvent e = new CommandResultEvent(nonNull(c.request.commandId()), nonNull(c.request.droneId()), s,
                reason, clock.instant());
        c.last = e;
        if (audit != null) {
            audit.record(c.request, e);
        }
        bus.publish(e);
        return e;
    }

    /** Runs {@code task} on the service thread; false once the service is stopped (late acks are dropped). */
    private boolean hop(Runnable task) {
        try {
            exec.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            return false;
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private <T> T call(java.util.concurrent.Callable<T> task) {
        try {
            return exec.submit(task).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broadcast service did not answer", e);
        }
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
