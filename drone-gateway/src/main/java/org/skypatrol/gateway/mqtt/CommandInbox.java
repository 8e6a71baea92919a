package org.skypatrol.gateway.mqtt;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

import org.skypatrol.gateway.events.BroadcastRequestEvent;
import org.skypatrol.gateway.events.BroadcastRequestHandler;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.protocols.mqtt.CommandResultPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound broadcast commands from the command centre: size limit and schema
 * ({@link BroadcastRequestValidator}), then a known, not offline drone (FAULTS.md L3), then
 * idempotency by {@code commandId} (a QoS 1 redelivery is answered with the last result instead of
 * playing twice, FAULTS.md L2), then the hand-off to the {@link BroadcastRequestHandler}. Every
 * rejection becomes a {@code rejected} result with the reason, never a silent drop.
 */
public final class CommandInbox {

    private static final Logger log = LoggerFactory.getLogger(CommandInbox.class);
    private static final int REMEMBERED_COMMANDS = 10_000;
    public static final String UNKNOWN_COMMAND_ID = "unknown";

    /** Whether a drone may take a command now; returns a rejection reason or null. */
    public interface DroneCheck {
        String reject(String droneId);
    }

    private final BroadcastRequestValidator validator;
    private final DroneCheck drones;
    private final BroadcastRequestHandler handler;
    private final EventBus bus;
    private final InstantSource clock;
    private final MqttMetrics metrics;
    private final RateLimitedLog rejectLog;
    private final Map<String, CommandResultEvent> lastResult = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommandResultEvent> e) {
            return size() > REMEMBERED_COMMANDS;
        }
    };

    public CommandInbox(BroadcastRequestValidator validator, DroneCheck drones, BroadcastRequestHandler handler,
                        EventBus bus, InstantSource clock, MqttMetrics metrics) {
        this.validator = validator;
        this.drones = drones;
        this.handler = handler;
        this.bus = bus;
        this.clock = clock;
        this.metrics = metrics;
        this.rejectLog = new RateLimitedLog(log, clock, Duration.ofSeconds(1));
    }

    /** A broadcast command arrived on {@code {p}/drones/{droneId}/commands/broadcast}. */
    public void onBroadcast(String droneId, byte[] payload) {
        metrics.inc(MqttMetrics.COMMANDS_IN);
        BroadcastRequestValidator.Result r = validator.validate(payload);
        if (r instanceof BroadcastRequestValidator.Result.Invalid bad) {
            reject(bad.commandId() == null ? UNKNOWN_COMMAND_ID : bad.commandId(), droneId, bad.reason());
            return;
        }
        BroadcastRequestValidator.Result.Valid ok = (BroadcastRequestValidator.Result.Valid) r;
        String commandId = ok.request().commandId();
        CommandResultEvent previous;
        synchronized (lastResult) {
            previous = lastResult.get(commandId);
        }
        if (previous != null) {
            metrics.inc(MqttMetrics.COMMANDS_DUPLICATE);
            bus.publish(previous);
            return;
        }
        String why = drones.reject(droneId);
        if (why != null) {
            reject(commandId, droneId, why);
            return;
        }
        BroadcastRequestEvent event = new BroadcastRequestEvent(droneId, ok.request(), "mqtt", clock.instant());
        record(new CommandResultEvent(commandId, droneId, CommandResultPayload.Status.ACCEPTED, null, clock.instant()));
        bus.publish(event);
        handler.submit(event);
    }

    /** Remembers the newest result of each command (the bridge calls this for every result it publishes). */
    public void record(CommandResultEvent result) {
        synchronized (lastResult) {
            lastResult.put(result.commandId(), result);
        }
    }

    private void reject(String commandId, String droneId, String reason) {
        metrics.inc(MqttMetrics.COMMANDS_REJECTED);
        rejectLog.warn("command {} for drone {} rejected: {}", commandId, droneId, reason);
        CommandResultEvent e = new CommandResultEvent(commandId, droneId, CommandResultPayload.Status.REJECTED, reason,
                clock.instant());
        if (!UNKNOWN_COMMAND_ID.equals(commandId)) {
            record(e);
        }
        bus.publish(e);
    }
}
