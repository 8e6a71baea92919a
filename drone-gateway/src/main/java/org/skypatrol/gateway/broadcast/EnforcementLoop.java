package org.skypatrol.gateway.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.AlertEscalationEvent;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.BroadcastSuggestionEvent;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.events.EnforcementOutcomeEvent;
import org.skypatrol.gateway.events.EnforcementOutcomeEvent.Outcome;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.mqtt.CommandResultPayload.Status;
import org.skypatrol.protocols.telemetry.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the enforcement loop: alert → policy → voice → re-check.
 * <ol>
 *   <li>An alert starts (from the drone whose video raised it). The policy for its behaviour and
 *       zone decides: nothing, a suggestion ({@code confirm}: a {@link BroadcastSuggestionEvent}
 *       for the command centre), or a broadcast at once ({@code auto}) - unless the zone and
 *       drone are in cooldown, or the drone's camera (pose known) no longer sees the place.</li>
 *   <li>After {@code recheckGraceSeconds}: if the alert has ended (the vehicle left) the incident
 *       ends {@code complied}; if it is still there the alert escalates (severity up, new evidence
 *       asked for with an {@link AlertEscalationEvent}; the alert goes out again as an {@code update}
 *       with the new severity) and, after {@code maxEscalations}
 *       re-checks, the incident ends {@code escalated}. An alert that ends before the re-check
 *       ends the incident {@code complied} at once.</li>
 * </ol>
 * Every incident's detect → broadcast → ack → outcome times go out as an
 * {@link EnforcementOutcomeEvent} and into the audit log. Event handlers only do light work under
 * this object's lock; broadcasts are submitted asynchronously.
 */
public final class EnforcementLoop implements Service {

    private static final Logger log = LoggerFactory.getLogger(EnforcementLoop.class);

    private final BroadcastConfig config;
    private final Clock clock;
    private final EventBus bus;
    private final BroadcastService broadcasts;
    private final DroneDirectory directory;
    private final Scheduler scheduler;
    private final BroadcastAuditLog audit;
    private final PolicyBook policies;
    private final Map<String, Incident> incidents = new HashMap<>();
    private final Map<String, Incident> byCommand = new HashMap<>();
    private final Map<String, Instant> lastBroadcast = new HashMap<>();
    private final Map<String, Telemetry> poses = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicLong broadcastsRequested = new AtomicLong();
    final AtomicLong suggested = new AtomicLong();
    final AtomicLong skippedNoPolicy = new AtomicLong();
    final AtomicLong skippedNoDrone = new AtomicLong();
    final AtomicLong skippedCooldown = new AtomicLong();
    final AtomicLong skippedNotInView = new AtomicLong();

    /** One alert being enforced. */
    private static final class Incident {
        final AlertPayload alert;
        final String droneId;
        final BroadcastConfig.Policy policy;
        final Instant detectedAt;
        String commandId;
        Instant broadcastAt;
        Instant acknowledgedAt;
        boolean ended;
        boolean finished;
        int escalations;
        AlertPayload.Severity severity;
        Scheduler.Task recheck;

        Incident(AlertPayload alert, String droneId, BroadcastConfig.Policy policy, Instant detectedAt) {
            this.alert = alert;
            this.droneId = droneId;
            this.policy = policy;
            this.detectedAt = detectedAt;
            this.severity = alert.severity() == null ? AlertPayload.Severity.MEDIUM : alert.severity();
        }
    }

    public EnforcementLoop(BroadcastConfig config, Clock clock, EventBus bus, BroadcastService broadcasts,
                           DroneDirectory directory, Scheduler scheduler, BroadcastAuditLog audit) {
        this.config = config;
        this.clock = clock;
        this.bus = bus;
        this.broadcasts = broadcasts;
        this.directory = directory;
        this.scheduler = scheduler;
        this.audit = audit;
        this.policies = new PolicyBook(config.policies(), config.language());
        bus.subscribe(AlertEvent.class, e -> onAlert(e.alert()));
        bus.subscribe(CommandResultEvent.class, this::onCommandResult);
        bus.subscribe(TelemetryEvent.class, e -> poses.put(e.telemetry().droneId(), e.telemetry()));
    }

    @Override
    public void start() {
        log.info("enforcement loop: {} policies, re-check after {} s", config.policies().size(),
                config.recheckGraceSeconds());
    }

    /** An alert phase from the analytics (start, update or end). */
    public void onAlert(AlertPayload a) {
        if (a.phase() == AlertPayload.Phase.START) {
            alertStarted(a);
        } else if (a.phase() == AlertPayload.Phase.END) {
            alertEnded(a.alertId());
        }
    }

    synchronized void alertStarted(AlertPayload a) {
        if (incidents.containsKey(a.alertId())) {
            return;                                      // redelivered start
        }
        Optional<BroadcastConfig.Policy> found = policies.find(a.behaviour(), a.zoneId());
        if (found.isEmpty()) {
            skippedNoPolicy.incrementAndGet();
            return;
        }
        BroadcastConfig.Policy policy = found.get();
        String droneId = a.sourceId();
        if (droneId == null || directory.lookup(droneId).presence() == DroneDirectory.Presence.UNKNOWN) {
            skippedNoDrone.incrementAndGet();            // a fixed camera, or a drone we cannot reach
            return;
        }
        Instant now = clock.instant();
        Instant detectedAt = a.startedAt() != null ? a.startedAt() : a.time() != null ? a.time() : now;
        String cooldownKey = (a.zoneId() == null ? a.behaviour() : a.zoneId()) + "|" + droneId;
        Instant last = lastBroadcast.get(cooldownKey);
        if (last != null && Duration.between(last, now).getSeconds() < policy.cooldownSeconds()) {
            skippedCooldown.incrementAndGet();
            return;
        }
        if (config.requireCameraView() && a.ground() != null && a.ground().latitudeDeg() != null
                && a.ground().longitudeDeg() != null
                && !CameraView.sees(poses.get(droneId), a.ground().latitudeDeg(), a.ground().longitudeDeg())
                        .orElse(true)) {
            skippedNotInView.incrementAndGet();
            return;
        }
        String text = policies.render(policy, a.zoneId());
        if ("confirm".equals(policy.mode())) {
            suggested.incrementAndGet();
            bus.publish(new BroadcastSuggestionEvent(a.alertId(), droneId, text, policy.volumePercent(),
                    policy.priority(), now));
            return;
        }
        Incident inc = new Incident(a, droneId, policy, detectedAt);
        inc.commandId = "alert-" + a.alertId();         // one broadcast per alert, even if the start is redelivered
        inc.broadcastAt = now;
        incidents.put(a.alertId(), inc);
        byCommand.put(inc.commandId, inc);
        lastBroadcast.put(cooldownKey, now);
        broadcastsRequested.incrementAndGet();
        broadcasts.submit(new BroadcastRequest(inc.commandId, droneId, text, null, policy.volumePercent(),
                policy.repeat(), false, policy.priority(), null, BroadcastRequest.Source.POLICY, null));
        inc.recheck = scheduler.schedule(Duration.ofSeconds(config.recheckGraceSeconds()), () -> recheck(inc));
    }

    /** The alert ended: the vehicle (person, crowd) left. */
    synchronized void alertEnded(String alertId) {
        Incident inc = incidents.get(alertId);
        if (inc == null || inc.ended) {
            return;
        }
        inc.ended = true;
        if (!inc.finished) {
            if (inc.recheck != null) {
                inc.recheck.cancel();
            }
            finish(inc, Outcome.COMPLIED);
        }
    }

    private void onCommandResult(CommandResultEvent e) {
        synchronized (this) {
            Incident inc = byCommand.get(e.commandId());
            if (inc != null && inc.acknowledgedAt == null
                    && (e.status() == Status.DELIVERED || e.status() == Status.PLAYING || e.status() == Status.DONE)) {
                inc.acknowledgedAt = e.time();
            }
        }
    }

    private synchronized void recheck(Incident inc) {
        if (inc.finished) {
            return;
        }
        if (inc.ended) {
            finish(inc, Outcome.COMPLIED);
            return;
        }
        inc.escalations++;
        inc.severity = up(inc.severity);
        Instant now = clock.instant();
        bus.publish(new AlertEscalationEvent(inc.alert.alertId(), inc.alert.sourceId(), inc.alert.behaviour(),
                inc.severity, inc.escalations, now));
        // the command centre sees the escalation as an update of the same alert with the higher severity
        AlertPayload a = inc.alert;
        bus.publish(new AlertEvent(AlertPayload.of(now, a.alertId(), AlertPayload.Phase.UPDATE, a.behaviour(),
                inc.severity, a.sourceId(), a.zoneId(), a.objects(), a.ground(), a.snapshotRef(), a.clipRef(),
                a.startedAt())));
        if (inc.escalations >= config.maxEscalations()) {
            finish(inc, Outcome.ESCALATED);
        } else {
            inc.recheck = scheduler.schedule(Duration.ofSeconds(config.recheckGraceSeconds()), () -> recheck(inc));
        }
    }

    private void finish(Incident inc, Outcome outcome) {
        inc.finished = true;
        byCommand.remove(inc.commandId);
        incidents.remove(inc.alert.alertId());
        EnforcementOutcomeEvent e = new EnforcementOutcomeEvent(inc.alert.alertId(), inc.droneId,
                inc.alert.behaviour(), inc.alert.zoneId(), outcome, inc.detectedAt, inc.broadcastAt,
                inc.acknowledgedAt, clock.instant(), inc.commandId);
        if (audit != null) {
            audit.record(e);
        }
        bus.publish(e);
    }

    private static AlertPayload.Severity up(AlertPayload.Severity s) {
        AlertPayload.Severity[] all = AlertPayload.Severity.values();
        return all[Math.min(s.ordinal() + 1, all.length - 1)];
    }

    /** Incidents waiting for their outcome. */
    public synchronized int openIncidents() {
        return incidents.size();
    }

    public long broadcastsRequested() {
        return broadcastsRequested.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            incidents.values().forEach(i -> {
                if (i.recheck != null) {
                    i.recheck.cancel();
                }
            });
        }
    }
}
