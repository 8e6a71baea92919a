package org.skypatrol.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.GatewayEvent;
import org.skypatrol.gateway.events.TelemetryEvent;
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
}
