package org.skypatrol.gateway.broadcast;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EventBus;

/**
 * A {@link DroneDirectory} fed by the {@link DroneStatusEvent}s that the drone registry (MAVLink
 * HEARTBEAT) and the DJI side (osd/status) publish. A stale link still counts as reachable: the
 * transport's acks and retries decide; only an offline link fails a command at once.
 */
public final class LinkStateDirectory implements DroneDirectory {

    private final Map<String, Entry> drones = new ConcurrentHashMap<>();

    public LinkStateDirectory(EventBus bus) {
        bus.subscribe(DroneStatusEvent.class, this::onStatus);
    }

    void onStatus(DroneStatusEvent e) {
        Presence p = e.state() == DroneStatusEvent.LinkState.OFFLINE ? Presence.OFFLINE : Presence.ONLINE;
        String transport = e.transport() == null ? null : e.transport().toLowerCase(Locale.ROOT);
        drones.put(e.droneId(), new Entry(p, transport));
    }

    @Override
    public Entry lookup(String droneId) {
        return drones.getOrDefault(droneId, Entry.UNKNOWN);
    }
}
