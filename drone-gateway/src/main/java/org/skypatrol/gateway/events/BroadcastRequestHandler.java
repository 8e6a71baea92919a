package org.skypatrol.gateway.events;

/**
 * The hand-off of inbound broadcast requests to the part that plays them on a drone (the broadcast
 * service, issue 6). The MQTT bridge validates a request (schema, size, known drone) and calls
 * {@link #submit}; the handler reports progress and the outcome as {@link CommandResultEvent}s on the
 * {@link EventBus}, which the bridge publishes. Until the broadcast service exists the wiring passes
 * {@code org.skypatrol.gateway.mqtt.NotImplementedBroadcastHandler}, which answers {@code rejected}
 * with reason "not implemented" (visibly, never silently).
 */
public interface BroadcastRequestHandler {

    /** Takes a validated request; must not block (called on the MQTT inbound executor). */
    void submit(BroadcastRequestEvent request);
}
