package org.skypatrol.gateway.drones;

import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.events.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drones the gateway knows: one per (endpoint, sysid), registered by its first HEARTBEAT from a
 * vehicle (never from a ground station), named from configuration, with a link state that follows
 * the age of its last HEARTBEAT ({@link LinkPolicy}). Every change of state is published as a
 * {@link DroneStatusEvent}; {@link #tick()} (scheduled by {@link LinkMonitor}) notices the silence.
 *
 * <p>Thread-safe: endpoints call {@link #heartbeat} and {@link #touch} from their event loops.
 */
public final class DroneRegistry {

    private static final Logger log = LoggerFactory.getLogger(DroneRegistry.class);

    private final Clock clock;
    private final EventBus events;
    private final Map<String, String> names;
    private final LinkPolicy policy;
    private final Map<DroneKey, Entry> byKey = new ConcurrentHashMap<>();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    /**
     * @param names drone id by {@code "endpoint/sysid"} or {@code "sysid"} (the first wins when both match)
     */
    public DroneRegistry(Clock clock, EventBus events, Map<String, String> names, LinkPolicy policy) {
        this.clock = clock;
        this.events = events;
        this.names = Map.copyOf(names);
        this.policy = policy;
    }

    /**
     * Records a HEARTBEAT from a vehicle: registers the drone on the first one, marks it online, and
     * remembers where it speaks from. Returns the drone's current snapshot. A {@code vehicleType}
     * of -1 (the HEARTBEAT of a camera or gimbal component) keeps the autopilot's values.
     */
    public DroneInfo heartbeat(DroneKey key, String transport, SocketAddress remote, int vehicleType, int autopilot) {
        Instant now = clock.instant();
        Entry e = byKey.computeIfAbsent(key, k -> register(k, transport, now));
        DroneStatusEvent changed;
        synchronized (e) {
            e.lastHeartbeat = now;
            e.remote = remote;
            e.transport = transport;
            if (vehicleType >= 0) {
                e.vehicleType = vehicleType;
                e.autopilot = autopilot;
            }
            changed = e.moveTo(LinkState.ONLINE);
        }
        publish(changed);
        return e.snapshot();
    }

    /** Any frame from a registered drone: keeps the reply address current (a drone may roam). */
    public void touch(DroneKey key, SocketAddress remote) {
        Entry e = byKey.get(key);
        if (e != null && remote != null && !remote.equals(e.remote)) {
            synchronized (e) {
                e.remote = remote;
            }
        }
    }

    /** Re-evaluates every link against the clock and publishes each change. */
    public void tick() {
        Instant now = clock.instant();
        for (Entry e : byKey.values()) {
            DroneStatusEvent changed;
            synchronized (e) {
                changed = e.moveTo(policy.stateAt(e.lastHeartbeat, now));
            }
            publish(changed);
        }
    }

    public Optional<DroneInfo> find(DroneKey key) {
        Entry e = byKey.get(key);
        return e == null ? Optional.empty() : Optional.of(e.snapshot());
    }

    public Optional<DroneInfo> byId(String id) {
        Entry e = byId.get(id);
        return e == null ? Optional.empty() : Optional.of(e.snapshot());
    }

    /** The id of a registered drone, or null: cheap, for the per-frame path. */
    public String idOf(DroneKey key) {
        Entry e = byKey.get(key);
        return e == null ? null : e.id;
    }

    /** Every drone, by id. */
    public List<DroneInfo> all() {
        return byKey.values().stream().map(Entry::snapshot)
                .sorted(Comparator.comparing(DroneInfo::id)).toList();
    }

    public int size() {
        return byKey.size();
    }

    public LinkPolicy policy() {
        return policy;
    }

    private Entry register(DroneKey key, String transport, Instant now) {
        String id = nameFor(key);
        Entry e = new Entry(key, id, now);
        if (byId.putIfAbsent(id, e) != null) {
            // A "sysid" name already taken by the same sysid on another endpoint: keep both apart.
            String fallback = id + "-" + key.endpoint();
            log.warn("drone id '{}' is taken; {} on {} is called '{}'", id, key, transport, fallback);
            e = new Entry(key, fallback, now);
            byId.put(fallback, e);
        }
        log.info("drone {} registered ({} via {})", e.id, key, transport);
        return e;
    }

    private String nameFor(DroneKey key) {
        String name = names.get(key.endpoint() + "/" + key.sysid());
        if (name == null) {
            name = names.get(Integer.toString(key.sysid()));
        }
        return name != null ? name : key.endpoint() + "-" + key.sysid();
    }

    private void publish(DroneStatusEvent event) {
        if (event != null) {
            log.info("drone {} is {} (last heartbeat {})", event.droneId(),
                    event.state().name().toLowerCase(java.util.Locale.ROOT), event.lastSeen());
            events.publish(event);
        }
    }

    /** Mutable state of one drone; guarded by its own monitor. */
    private static final class Entry {
        final DroneKey key;
        final String id;
        final Instant firstSeen;
        Instant lastHeartbeat;
        volatile SocketAddress remote;
        String transport;
        int vehicleType = -1;
        int autopilot = -1;
        LinkState state;

        Entry(DroneKey key, String id, Instant now) {
            this.key = key;
            this.id = id;
            this.firstSeen = now;
            this.lastHeartbeat = now;
        }

        /** Sets the state; the event to publish when it changed, else null. */
        DroneStatusEvent moveTo(LinkState next) {
            if (next == state) {
                return null;
            }
            state = next;
            return new DroneStatusEvent(id, next, lastHeartbeat, transport);
        }

        synchronized DroneInfo snapshot() {
            return new DroneInfo(id, key, transport, state, firstSeen, lastHeartbeat, remote, vehicleType, autopilot);
        }
    }
}
