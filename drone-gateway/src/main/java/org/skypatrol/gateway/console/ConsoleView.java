package org.skypatrol.gateway.console;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EnforcementOutcomeEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.GatewayEvent;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * The live summary the demo prints: one row per drone (link state, position, speed, battery,
 * mode) from {@link DroneStatusEvent} and {@link TelemetryEvent}, a count of every other event
 * type on the bus (alerts, broadcasts, ... whatever later features publish), counter lines that
 * services contribute with {@link #addCounters}, and the last {@value #RECENT} things an operator
 * acts on: alerts starting and ending, broadcast outcomes (done, failed, ...), enforcement outcomes. Rendering is a pure
 * function of what it has seen.
 */
public final class ConsoleView {

    private record DroneRow(DroneStatusEvent.LinkState state, Instant lastSeen, Telemetry telemetry) {
    }

    private final Map<String, DroneRow> drones = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> eventCounts = new ConcurrentHashMap<>();
    private final List<Supplier<String>> counterLines = new CopyOnWriteArrayList<>();
    static final int RECENT = 6;
    private final Deque<String> recent = new ArrayDeque<>();

    /** Subscribes to the bus: drone rows from status and telemetry, a count for every event type. */
    public void attach(EventBus bus) {
        bus.subscribe(DroneStatusEvent.class, this::onStatus);
        bus.subscribe(TelemetryEvent.class, this::onTelemetry);
        bus.subscribe(AlertEvent.class, this::onAlert);
        bus.subscribe(CommandResultEvent.class, this::onCommandResult);
        bus.subscribe(EnforcementOutcomeEvent.class, this::onOutcome);
        bus.subscribe(GatewayEvent.class, e -> eventCounts
                .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet());
    }

    /** A line (or several, separated by newlines) computed afresh at each render. */
    public void addCounters(Supplier<String> line) {
        counterLines.add(line);
    }

    void onStatus(DroneStatusEvent e) {
        drones.compute(e.droneId(), (id, row) -> new DroneRow(e.state(), e.lastSeen(),
                row == null ? null : row.telemetry()));
    }

    void onTelemetry(TelemetryEvent e) {
        Telemetry t = e.telemetry();
        drones.compute(t.droneId(), (id, row) -> new DroneRow(row == null ? null : row.state(),
                row == null ? null : row.lastSeen(), t));
    }

    void onAlert(AlertEvent e) {
        AlertPayload a = e.alert();
        if (a.phase() != AlertPayload.Phase.UPDATE) { // updates would flood the list
            remember(a.time(), String.format(Locale.ROOT, "alert %-6s %s %s%s", lower(a.phase()), a.sourceId(),
                    a.behaviour(), a.zoneId() == null ? "" : " in " + a.zoneId()));
        }
    }

    void onCommandResult(CommandResultEvent e) {
        if (!e.status().isFinal()) {                   // accepted, delivered, playing: the last one says enough
            return;
        }
        remember(e.time(), String.format(Locale.ROOT, "broadcast %s %s: %s%s", e.droneId(), e.commandId(),
                lower(e.status()), e.reason() == null ? "" : " (" + e.reason() + ")"));
    }

    void onOutcome(EnforcementOutcomeEvent e) {
        remember(e.outcomeAt(), String.format(Locale.ROOT, "enforcement %s %s%s: %s", e.droneId(), e.behaviour(),
                e.zoneId() == null ? "" : " in " + e.zoneId(), lower(e.outcome())));
    }

    private synchronized void remember(Instant time, String line) {
        recent.addLast((time == null ? "" : time.truncatedTo(ChronoUnit.SECONDS) + " ") + line);
        while (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The summary as plain text lines (no ANSI codes). */
    public List<String> render(Instant now) {
        List<String> out = new ArrayList<>();
        Map<String, DroneRow> sorted = new TreeMap<>(drones);
        long online = sorted.values().stream().filter(r -> r.state() == DroneStatusEvent.LinkState.ONLINE).count();
        out.add(String.format(Locale.ROOT, "SkyPatrol %s  drones: %d (%d online)", now, sorted.size(), online));
        out.add(String.format(Locale.ROOT, "%-14s %-7s %10s %11s %8s %6s %6s %6s %-10s %s",
                "drone", "link", "lat", "lon", "alt m", "hdg", "m/s", "batt%", "mode", "age"));
        int shown = 0;
        for (Map.Entry<String, DroneRow> e : sorted.entrySet()) {
            if (shown++ == 20) {
                out.add(String.format(Locale.ROOT, "... and %d more drones", sorted.size() - 20));
                break;
            }
            out.add(row(e.getKey(), e.getValue(), now));
        }
        for (Supplier<String> s : counterLines) {
            out.addAll(List.of(s.get().split("\n")));
        }
        if (!eventCounts.isEmpty()) {
            StringBuilder sb = new StringBuilder("events:");
            new TreeMap<>(eventCounts).forEach((k, v) -> sb.append(' ').append(k).append('=').append(v.get()));
            out.add(sb.toString());
        }
        synchronized (this) {
            if (!recent.isEmpty()) {
                out.add("recent:");
                recent.forEach(l -> out.add("  " + l));
            }
        }
        return out;
    }

    private static String row(String id, DroneRow r, Instant now) {
        Telemetry t = r.telemetry();
        String state = r.state() == null ? "-" : r.state().name().toLowerCase(Locale.ROOT);
        String lat = "-";
        String lon = "-";
        String alt = "-";
        if (t != null && t.position() != null) {
            lat = String.format(Locale.ROOT, "%.5f", t.position().latitudeDeg());
            lon = String.format(Locale.ROOT, "%.5f", t.position().longitudeDeg());
            alt = t.position().altitudeRelativeMetres() == null ? "-"
                    : String.format(Locale.ROOT, "%.1f", t.position().altitudeRelativeMetres());
        }
        String hdg = t == null || t.headingDeg() == null ? "-" : String.format(Locale.ROOT, "%.0f", t.headingDeg());
        String speed = t == null || t.velocity() == null || t.velocity().groundSpeedMps() == null ? "-"
                : String.format(Locale.ROOT, "%.1f", t.velocity().groundSpeedMps());
        String batt = t == null || t.battery() == null || t.battery().remainingPercent() == null ? "-"
                : String.format(Locale.ROOT, "%.0f", t.battery().remainingPercent());
        String mode = t == null || t.flightMode() == null ? "-" : t.flightMode();
        Instant seen = t != null && t.time() != null ? t.time() : r.lastSeen();
        String age = seen == null ? "-" : String.format(Locale.ROOT, "%.1fs",
                Math.max(0, Duration.between(seen, now).toMillis()) / 1000.0);
        return String.format(Locale.ROOT, "%-14s %-7s %10s %11s %8s %6s %6s %6s %-10s %s",
                id, state, lat, lon, alt, hdg, speed, batt, mode, age);
    }
}
