package org.skypatrol.gateway.events;

/**
 * Something that happened inside the gateway and that other parts react to (MQTT bridge, recorder,
 * console, analytics). Each kind is a record in this package, owned by the part that emits it.
 */
public interface GatewayEvent {
}
