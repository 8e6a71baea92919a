package org.skypatrol.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EnforcementOutcomeEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.GatewayEvent;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.mqtt.CommandResultPayload;
import org.skypatrol.protocols.telemetry.Telemetry;

class ConsoleViewTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    /** An event type the console has never heard of, as later features will publish. */
    private record SomethingElse() implements GatewayEvent {
    }

    @Test
    void render_droneRowsAndUnknownEventCounts() {
        EventBus bus = new EventBus();
        ConsoleView view = new ConsoleView();
        view.attach(bus);
        view.addCounters(() -> "udp: frames ok=42");
        bus.publish(new DroneStatusEvent("patrol-1", DroneStatusEvent.LinkState.ONLINE, T0, "mavlink-udp"));
        bus.publish(new TelemetryEvent(new Telemetry("patrol-1", Telemetry.Source.MAVLINK, T0,
                new Telemetry.Position(38.51234, 106.32111, 1230.0, 120.0), 200.0,
                new Telemetry.Velocity(-11.0, -4.0, 0.0, 12.0, null), null,
                new Telemetry.Battery(16.5, 18.0, 88.0), null, "AUTO", true, null, null)));
        bus.publish(new DroneStatusEvent("udp-2", DroneStatusEvent.LinkState.STALE, T0, "mavlink-udp"));
        bus.publish(new SomethingElse());
        bus.publish(new SomethingElse());

        List<String> lines = view.render(T0.plusMillis(1500));
        assertThat(lines.get(0)).contains("drones: 2 (1 online)");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("patrol-1").contains("online")
                .contains("38.51234").contains("106.32111").contains("120.0").contains("12.0").contains("88")
                .contains("AUTO").contains("1.5s"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("udp-2").contains("stale"));
        assertThat(lines).contains("udp: frames ok=42");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("events:").contains("SomethingElse=2"));
    }

    @Test
    void render_recentAlertsBroadcastOutcomesAndEnforcement_newestLast_updatesAndProgressLeftOut() {
        EventBus bus = new EventBus();
        ConsoleView view = new ConsoleView();
        view.attach(bus);
        bus.publish(alert(AlertPayload.Phase.START, T0));
        bus.publish(alert(AlertPayload.Phase.UPDATE, T0.plusSeconds(1)));
        bus.publish(new CommandResultEvent("cmd-7", "demo-drone", CommandResultPayload.Status.ACCEPTED, null,
                T0.plusSeconds(1)));
        bus.publish(new CommandResultEvent("cmd-7", "demo-drone", CommandResultPayload.Status.DONE, null,
                T0.plusSeconds(2)));
        bus.publish(new EnforcementOutcomeEvent("a1", "demo-drone", "illegal_parking", "kerb",
                EnforcementOutcomeEvent.Outcome.COMPLIED, T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3),
                "cmd-7"));

        List<String> lines = view.render(T0.plusSeconds(4));
        int at = lines.indexOf("recent:");
        assertThat(at).isPositive();
        assertThat(lines.subList(at + 1, lines.size())).containsExactly(
                "  2026-05-01T08:00:00Z alert start  demo-drone illegal_parking in kerb",
                "  2026-05-01T08:00:02Z broadcast demo-drone cmd-7: done",
                "  2026-05-01T08:00:03Z enforcement demo-drone illegal_parking in kerb: complied");

        for (int i = 0; i < ConsoleView.RECENT + 3; i++) {
            bus.publish(new CommandResultEvent("cmd-" + i, "d", CommandResultPayload.Status.FAILED, "no ack",
                    T0.plusSeconds(10 + i)));
        }
        List<String> later = view.render(T0.plusSeconds(30));
        List<String> shown = later.subList(later.indexOf("recent:") + 1, later.size());
        assertThat(shown).hasSize(ConsoleView.RECENT);
        assertThat(shown.get(shown.size() - 1)).endsWith("cmd-" + (ConsoleView.RECENT + 2) + ": failed (no ack)");
    }

    private static AlertEvent alert(AlertPayload.Phase phase, Instant time) {
        return new AlertEvent(AlertPayload.of(time, "a1", phase, "illegal_parking", AlertPayload.Severity.HIGH,
                "demo-drone", "kerb", List.of(), null, null, null, T0));
    }
}
