package org.skypatrol.gateway.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.events.EventBus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Drones by link state and transport ({@code skypatrol_drones{state, transport}}), every transport
 * together: the MAVLink registry and the DJI side both publish each change as a
 * {@link DroneStatusEvent}, so the latest event per drone is the state. Aggregates only, no per-drone
 * label; a (state, transport) pair with no drone is exported as 0, so an alert on it has a series.
 */
final class DroneMeters implements MeterBinder {

    /** Transports known up front (more are added when they show up). */
    private static final Set<String> TRANSPORTS = Set.of("mavlink-udp", "mavlink-tcp", "dji");

    private final Map<String, DroneStatusEvent> latest = new ConcurrentHashMap<>();
    private final Set<String> transports = ConcurrentHashMap.newKeySet();
    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    DroneMeters(EventBus bus) {
        transports.addAll(TRANSPORTS);
        // a status change, not a per-frame path: one map write
        bus.subscribe(DroneStatusEvent.class, e -> {
            latest.put(e.droneId(), e);
            transports.add(transport(e));
        });
    }

    private static String transport(DroneStatusEvent e) {
        return e.transport() == null ? "unknown" : e.transport().toLowerCase(Locale.ROOT);
    }

    private long count(LinkState state, String transport) {
        return latest.values().stream().filter(e -> e.state() == state && transport(e).equals(transport)).count();
    }

    @Override
    public void bindTo(MeterRegistry r) {
        for (String transport : transports) {
            if (!Meters.once(bound, transport)) {
                continue;
            }
            for (LinkState state : LinkState.values()) {
                Meters.gauge(r, "skypatrol.drones", null,
                        "drones known to the gateway by link state (online, stale, offline) and transport",
                        Tags.of("state", state.name().toLowerCase(Locale.ROOT), "transport", transport), this,
                        m -> m.count(state, transport));
            }
        }
    }
}
