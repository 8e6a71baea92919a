package org.skypatrol.gateway.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.protocols.mqtt.TopicRoute;
import org.skypatrol.protocols.mqtt.dji.DjiMessage;
import org.skypatrol.protocols.mqtt.dji.DjiParseException;
import org.skypatrol.protocols.mqtt.dji.DjiParser;
import org.skypatrol.protocols.telemetry.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJI Cloud API drones: turns {@code osd}, {@code state}, DRC {@code osd_info_push} and
 * {@code update_topo} messages into {@link TelemetryEvent}s (source DJI, the aircraft serial number as
 * drone id) and {@link DroneStatusEvent}s (transport {@code dji}): online on the first osd, stale after
 * {@code staleAfter} without one, offline after three times that or when the topology drops the aircraft.
 * Malformed messages are counted and logged rate-limited.
 */
public final class DjiIngest {

    private static final Logger log = LoggerFactory.getLogger(DjiIngest.class);
    public static final String TRANSPORT = "dji";

    private final EventBus bus;
    private final InstantSource clock;
    private final MqttMetrics metrics;
    private final Duration staleAfter;
    private final RateLimitedLog badLog;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, DroneStatusEvent.LinkState> states = new ConcurrentHashMap<>();
    private final Map<String, String> aircraftOfGateway = new ConcurrentHashMap<>();
    private final Map<String, Telemetry> lastOsd = new ConcurrentHashMap<>();

    public DjiIngest(EventBus bus, InstantSource clock, MqttMetrics metrics, Duration staleAfter) {
        this.bus = bus;
        this.clock = clock;
        this.metrics = metrics;
        this.staleAfter = staleAfter;
        this.badLog = new RateLimitedLog(log, clock, Duration.ofSeconds(1));
    }

    /**
     * One message from a DJI topic (called on the MQTT inbound executor); {@code receivedAt}, when Paho
     * delivered it, becomes the telemetry's time, as the UDP receive does for MAVLink.
     */
    public void onMessage(TopicRoute route, byte[] payload, Instant receivedAt) {
        metrics.inc(MqttMetrics.DJI_IN);
        DjiMessage m;
        try {
            m = DjiParser.parse(route, payload, receivedAt);
        } catch (DjiParseException e) {
            metrics.inc(MqttMetrics.DJI_MALFORMED);
            badLog.warn("bad DJI message: {}", e.getMessage());
            return;
        }
        if (m instanceof DjiMessage.AircraftOsd osd) {
            if (osd.envelope().gateway() != null && !osd.envelope().gateway().equals(osd.telemetry().droneId())) {
                aircraftOfGateway.put(osd.envelope().gateway(), osd.telemetry().droneId());
            }
            lastOsd.put(osd.telemetry().droneId(), osd.telemetry());
            seen(osd.telemetry());
        } else if (m instanceof DjiMessage.DrcOsd drc) {
            String aircraft = aircraftOfGateway.getOrDefault(drc.gatewaySn(), drc.gatewaySn());
            Telemetry t = drc.telemetry();
            // DRC carries pose and speeds only; battery, GNSS, mode and camera come from the latest osd, so a
            // 10 Hz DRC stream coalesced to 2 Hz does not hide them from the command centre
            Telemetry osd = lastOsd.get(aircraft);
            seen(new Telemetry(aircraft, t.source(), t.time(), t.position(), t.headingDeg(), t.velocity(),
                    t.attitude(), orElse(t.battery(), osd, Telemetry::battery), orElse(t.gnss(), osd, Telemetry::gnss),
                    orElse(t.flightMode(), osd, Telemetry::flightMode), orElse(t.armed(), osd, Telemetry::armed),
                    orElse(t.gimbal(), osd, Telemetry::gimbal),
                    orElse(t.camera(), osd, Telemetry::camera)));
        } else if (m instanceof DjiMessage.Topology topo) {
            topology(topo);
        } else {
            metrics.inc(MqttMetrics.DJI_IGNORED);
        }
    }

    private static <T> T orElse(T value, Telemetry fallback, java.util.function.Function<Telemetry, T> field) {
        return value != null || fallback == null ? value : field.apply(fallback);
    }

    private void seen(Telemetry t) {
        Instant now = clock.instant();
        lastSeen.put(t.droneId(), now);
        setState(t.droneId(), DroneStatusEvent.LinkState.ONLINE, now);
        bus.publish(new TelemetryEvent(t));
    }

    private void topology(DjiMessage.Topology topo) {
        List<String> online = topo.subDeviceSns();
        for (String sn : online) {
            if (!sn.equals(topo.gatewaySn())) {
                aircraftOfGateway.put(topo.gatewaySn(), sn);
            }
        }
        String aircraft = aircraftOfGateway.get(topo.gatewaySn());
        if (aircraft != null && !online.contains(aircraft)) {
            setState(aircraft, DroneStatusEvent.LinkState.OFFLINE, lastSeen.getOrDefault(aircraft, clock.instant()));
        }
    }

    /** Marks drones stale/offline when their osd stops; called periodically. */
    public void checkLiveness() {
        Instant now = clock.instant();
        lastSeen.forEach((id, at) -> {
            Duration quiet = Duration.between(at, now);
            if (quiet.compareTo(staleAfter.multipliedBy(3)) >= 0) {
                setState(id, DroneStatusEvent.LinkState.OFFLINE, at);
            } else if (quiet.compareTo(staleAfter) >= 0) {
                setState(id, DroneStatusEvent.LinkState.STALE, at);
            }
        });
    }

    private void setState(String droneId, DroneStatusEvent.LinkState state, Instant lastSeenAt) {
        DroneStatusEvent.LinkState old = states.put(droneId, state);
        if (old != state) {
            bus.publish(new DroneStatusEvent(droneId, state, lastSeenAt, TRANSPORT));
        }
    }
}
