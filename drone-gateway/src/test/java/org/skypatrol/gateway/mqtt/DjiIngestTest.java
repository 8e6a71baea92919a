package org.skypatrol.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.gateway.testing.MutableClock;
import org.skypatrol.protocols.mqtt.TopicRoute;
import org.skypatrol.protocols.telemetry.Telemetry;

class DjiIngestTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T01:00:00Z"));
    private final EventBus bus = new EventBus();
    private final List<Telemetry> out = new CopyOnWriteArrayList<>();
    private final DjiIngest ingest = new DjiIngest(bus, clock, new MqttMetrics(), Duration.ofSeconds(3));

    private byte[] fixture(String name) throws IOException {
        return getClass().getResourceAsStream("/dji/" + name).readAllBytes();
    }

    /**
     * DRC osd_info_push has pose and speeds but no battery, GNSS or mode. At 10 Hz into a 2 Hz topic it
     * wins almost every slot, so without the latest osd's values the command centre would hardly ever
     * see a DJI drone's battery. The DRC sample keeps its own position and time.
     */
    @Test
    void drc_afterOsd_carriesOsdBatteryGnssAndModeWithItsOwnPose() throws Exception {
        bus.subscribe(TelemetryEvent.class, e -> out.add(e.telemetry()));
        String aircraft = "1581F5BKD225D00BCFSY";
        ingest.onMessage(new TopicRoute.DjiOsd(aircraft), fixture("aircraft-osd.synthetic.json"), clock.instant());
        Telemetry osd = out.get(0);
        assertThat(osd.battery()).isNotNull();
        clock.advance(Duration.ofMillis(100));
        Instant drcAt = clock.instant();
        ingest.onMessage(new TopicRoute.DjiDrcUp("4TADKAQ000002J"), fixture("drc-osd-info-push.synthetic.json"), drcAt);
        Telemetry drc = out.get(1);
        assertThat(drc.droneId()).isEqualTo(aircraft);
        assertThat(drc.time()).isEqualTo(drcAt);
        assertThat(drc.position().latitudeDeg()).isEqualTo(22.5801);
        assertThat(drc.velocity().northMps()).isEqualTo(4.0);
        assertThat(drc.battery()).isEqualTo(osd.battery());
        assertThat(drc.gnss()).isEqualTo(osd.gnss());
        assertThat(drc.flightMode()).isEqualTo("wayline");
    }

    /** Without any osd yet, a DRC sample stays as it is (absent, never made up). */
    @Test
    void drc_withoutOsd_leavesBatteryAbsent() throws Exception {
        bus.subscribe(TelemetryEvent.class, e -> out.add(e.telemetry()));
        ingest.onMessage(new TopicRoute.DjiDrcUp("4TADKAQ000002J"), fixture("drc-osd-info-push.synthetic.json"),
                clock.instant());
        assertThat(out).hasSize(1);
        assertThat(out.get(0).battery()).isNull();
        assertThat(out.get(0).flightMode()).isNull();
    }
}
