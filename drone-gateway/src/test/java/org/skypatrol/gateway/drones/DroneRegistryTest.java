package org.skypatrol.gateway.drones;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.testing.MutableClock;

class DroneRegistryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final EventBus bus = new EventBus();
    private final List<DroneStatusEvent> events = new CopyOnWriteArrayList<>();
    private final InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40001);
    private DroneRegistry registry;

    @BeforeEach
    void setUp() {
        bus.subscribe(DroneStatusEvent.class, events::add);
        registry = new DroneRegistry(clock, bus, Map.of("udp/7", "patrol-7", "3", "patrol-3"), LinkPolicy.defaults());
    }

    @Test
    void heartbeat_firstOne_registersOnlineAndPublishes() {
        DroneInfo d = registry.heartbeat(new DroneKey("udp", 9), "mavlink-udp", from, 2, 3);
        assertThat(d.id()).isEqualTo("udp-9");
        assertThat(d.state()).isEqualTo(LinkState.ONLINE);
        assertThat(d.remote()).isEqualTo(from);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.droneId()).isEqualTo("udp-9");
            assertThat(e.state()).isEqualTo(LinkState.ONLINE);
            assertThat(e.transport()).isEqualTo("mavlink-udp");
        });
    }

    @Test
    void names_endpointSpecificThenSysidThenDefault() {
        assertThat(registry.heartbeat(new DroneKey("udp", 7), "t", from, 2, 3).id()).isEqualTo("patrol-7");
        assertThat(registry.heartbeat(new DroneKey("tcp", 7), "t", from, 2, 3).id()).isEqualTo("tcp-7");
        assertThat(registry.heartbeat(new DroneKey("tcp", 3), "t", from, 2, 3).id()).isEqualTo("patrol-3");
        // the same sysid-wide name on a second endpoint must not collide with the first drone
        assertThat(registry.heartbeat(new DroneKey("udp", 3), "t", from, 2, 3).id()).isEqualTo("patrol-3-udp");
        assertThat(registry.byId("patrol-3").orElseThrow().key()).isEqualTo(new DroneKey("tcp", 3));
    }

    @Test
    void tick_silence_goesStaleAt3sThenOfflineAt10s() {
        DroneKey key = new DroneKey("udp", 1);
        registry.heartbeat(key, "t", from, 2, 3);
        clock.advance(Duration.ofMillis(2999));
        registry.tick();
        assertThat(registry.find(key).orElseThrow().state()).isEqualTo(LinkState.ONLINE);
        clock.advance(Duration.ofMillis(1));
        registry.tick();
        assertThat(registry.find(key).orElseThrow().state()).isEqualTo(LinkState.STALE);
        clock.advance(Duration.ofMillis(6999));
        registry.tick();
        registry.tick();
        assertThat(registry.find(key).orElseThrow().state()).isEqualTo(LinkState.STALE);
        clock.advance(Duration.ofMillis(1));
        registry.tick();
        assertThat(events).extracting(DroneStatusEvent::state)
                .containsExactly(LinkState.ONLINE, LinkState.STALE, LinkState.OFFLINE);
    }

    @Test
    void heartbeat_afterOffline_comesBackOnlineOnce() {
        DroneKey key = new DroneKey("udp", 1);
        registry.heartbeat(key, "t", from, 2, 3);
        clock.advance(Duration.ofSeconds(11));
        registry.tick();
        InetSocketAddress roamed = new InetSocketAddress("127.0.0.1", 40002);
        registry.heartbeat(key, "t", roamed, 2, 3);
        registry.heartbeat(key, "t", roamed, 2, 3);
        assertThat(events).extracting(DroneStatusEvent::state)
                .containsExactly(LinkState.ONLINE, LinkState.OFFLINE, LinkState.ONLINE);
        assertThat(events.get(2).lastSeen()).isEqualTo(clock.instant());
        assertThat(registry.find(key).orElseThrow().remote()).isEqualTo(roamed);
    }

    @Test
    void touch_unknownDrone_registersNothing() {
        registry.touch(new DroneKey("udp", 5), from);
        assertThat(registry.all()).isEmpty();
        assertThat(events).isEmpty();
    }
}
