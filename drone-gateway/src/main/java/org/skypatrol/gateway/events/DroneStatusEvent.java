package org.skypatrol.gateway.events;

import java.time.Instant;

/** A drone's link state changed (online, stale, offline). */
public record DroneStatusEvent(String droneId, LinkState state, Instant lastSeen, String transport)
        implements GatewayEvent {

    /** Link state from HEARTBEAT (MAVLink) or osd/status (DJI). */
    public enum LinkState { ONLINE, STALE, OFFLINE }
}
