package org.skypatrol.gateway.drones;

import java.net.SocketAddress;
import java.time.Instant;

import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;

/**
 * A snapshot of one registered drone.
 *
 * @param id            the drone id used everywhere else (MQTT topics, recordings, commands)
 * @param key           endpoint and sysid
 * @param transport     e.g. {@code mavlink-udp}
 * @param state         link state at the last evaluation
 * @param firstSeen     first HEARTBEAT
 * @param lastHeartbeat newest HEARTBEAT
 * @param remote        where its frames come from: the address to answer a UDP drone on
 * @param vehicleType   MAV_TYPE from its HEARTBEAT
 * @param autopilot     MAV_AUTOPILOT from its HEARTBEAT
 */
public record DroneInfo(String id, DroneKey key, String transport, LinkState state, Instant firstSeen,
                        Instant lastHeartbeat, SocketAddress remote, int vehicleType, int autopilot) {
}
