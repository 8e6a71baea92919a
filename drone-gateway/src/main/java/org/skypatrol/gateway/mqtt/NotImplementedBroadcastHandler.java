package org.skypatrol.gateway.mqtt;

import java.time.InstantSource;

import org.skypatrol.gateway.events.BroadcastRequestEvent;
import org.skypatrol.gateway.events.BroadcastRequestHandler;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.protocols.mqtt.CommandResultPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the broadcast service until it exists (issue 6): every request is answered
 * {@code rejected} with reason "not implemented" on the result topic, and logged, so the command
 * centre sees it at once instead of waiting for a command that will never play.
 */
public final class NotImplementedBroadcastHandler implements BroadcastRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(NotImplementedBroadcastHandler.class);
    public static final String REASON = "not implemented";

    private final EventBus bus;
    private final InstantSource clock;

    public NotImplementedBroadcastHandler(EventBus bus, InstantSource clock) {
        this.bus = bus;
        this.clock = clock;
    }

    @Override
    public void submit(BroadcastRequestEvent request) {
        log.warn("broadcast {} for drone {} rejected: broadcasting is not implemented yet", request.commandId(),
                request.droneId());
        bus.publish(new CommandResultEvent(request.commandId(), request.droneId(),
                CommandResultPayload.Status.REJECTED, REASON, clock.instant()));
    }
}
