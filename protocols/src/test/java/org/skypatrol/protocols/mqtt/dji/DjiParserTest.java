package org.skypatrol.protocols.mqtt.dji;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.skypatrol.protocols.mqtt.TopicRoute;
import org.skypatrol.protocols.telemetry.Telemetry;

/** Synthetic fixtures built from the DJI Cloud API documentation (see resources dji/README.md). */
class DjiParserTest {

    private static final Instant T = Instant.parse("2026-11-22T23:00:00Z");

    private static byte[] fixture(String name) throws IOException {
        return DjiParserTest.class.getResourceAsStream("/dji/" + name).readAllBytes();
    }

    @Test
    void parse_aircraftOsd_mapsEveryDocumentedField() throws Exception {
        DjiMessage m = DjiParser.parse(new TopicRoute.DjiOsd("1581F5BKD225D00BCFSY"), fixture("aircraft-osd.synthetic.json"), T);
        assertThat(m).isInstanceOf(DjiMessage.AircraftOsd.class);
        DjiMessage.AircraftOsd osd = (DjiMessage.AircraftOsd) m;
        assertThat(osd.envelope().gateway()).isEqualTo("4TADKAQ000002J");
        Telemetry t = osd.telemetry();
        assertThat(t.droneId()).isEqualTo("1581F5BKD225D00BCFSY");
        assertThat(t.source()).isEqualTo(Telemetry.Source.DJI);
        assertThat(t.position()).isEqualTo(new Telemetry.Position(22.579339, 113.938152, 115.6, 60.2));
        assertThat(t.headingDeg()).isCloseTo(269.5, within(1e-9)); // -90.5 normalised to 0..360
        assertThat(t.attitude()).isEqualTo(new Telemetry.Attitude(0.8, -2.1, 269.5));
        assertThat(t.velocity().groundSpeedMps()).isEqualTo(5.4);
        assertThat(t.velocity().downMps()).isEqualTo(0.3); // vertical_speed is up-positive
        assertThat(t.battery()).isEqualTo(new Telemetry.Battery(15.842, null, 76.0));
        assertThat(t.gnss()).isEqualTo(new Telemetry.Gnss(3, 19, null));
        assertThat(t.flightMode()).isEqualTo("wayline");
        assertThat(t.gimbal()).isEqualTo(new Telemetry.Gimbal(0.0, -45.0, 272.0));
    }

    @Test
    void parse_dockOsd_ignoredNotMisreadAsAircraft() throws Exception {
        assertThat(DjiParser.parse(new TopicRoute.DjiOsd("4TADKAQ000002J"), fixture("dock-osd.synthetic.json"), T))
                .isInstanceOf(DjiMessage.Ignored.class);
    }

    @Test
    void parse_drcOsdInfoPush_enuSpeedsToNed() throws Exception {
        DjiMessage m = DjiParser.parse(new TopicRoute.DjiDrcUp("4TADKAQ000002J"), fixture("drc-osd-info-push.synthetic.json"), T);
        Telemetry t = ((DjiMessage.DrcOsd) m).telemetry();
        assertThat(t.velocity().northMps()).isEqualTo(4.0);
        assertThat(t.velocity().eastMps()).isEqualTo(3.0);
        assertThat(t.velocity().downMps()).isEqualTo(-0.5);
        assertThat(t.velocity().groundSpeedMps()).isCloseTo(5.0, within(1e-9));
        assertThat(t.gimbal().pitchDeg()).isEqualTo(-30.0);
    }

    @Test
    void parse_updateTopo_listsSubDevices() throws Exception {
        DjiMessage m = DjiParser.parse(new TopicRoute.DjiStatus("4TADKAQ000002J"), fixture("update-topo.synthetic.json"), T);
        assertThat(((DjiMessage.Topology) m).subDeviceSns()).containsExactly("1581F5BKD225D00BCFSY");
    }

    @Test
    void parse_noFixZeroZero_positionAbsentNotZero() throws Exception {
        String json = "{\"tid\":\"a\",\"bid\":\"b\",\"timestamp\":1,\"data\":{\"latitude\":0,\"longitude\":0,\"attitude_head\":10,\"mode_code\":0}}";
        Telemetry t = ((DjiMessage.AircraftOsd) DjiParser.parse(new TopicRoute.DjiOsd("sn1"), json.getBytes(), T)).telemetry();
        assertThat(t.position()).isNull();
        assertThat(t.flightMode()).isEqualTo("standby");
        assertThat(t.battery()).isNull();
    }

    @Test
    void parse_malformedOrMissingData_throwsParseException() {
        for (String bad : new String[] {"{", "[]", "{\"tid\":\"x\"}", "{\"data\":5}", "", "nul"}) {
            assertThatThrownBy(() -> DjiParser.parse(new TopicRoute.DjiOsd("sn"), bad.getBytes(), T))
                    .as(bad).isInstanceOf(DjiParseException.class);
        }
    }

    @Test
    void parse_randomMutations_neverThrowAnythingElse() throws Exception {
        byte[] good = fixture("aircraft-osd.synthetic.json");
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] b = good.clone();
            for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            try {
                DjiParser.parse(new TopicRoute.DjiOsd("sn"), b, T);
            } catch (DjiParseException expected) {
                // counted by the caller
            }
        }
    }
}
