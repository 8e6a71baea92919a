package org.skypatrol.protocols.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class TopicsTest {

    private final Topics topics = new Topics("skypatrol/v1");

    private record Row(Function<Topics, String> build, String expected, TopicRoute route) {
    }

    /** Every topic of DESIGN.md's tree and the DJI side: built string, and parse back to its route. */
    private static final List<Row> TABLE = List.of(
            new Row(t -> t.telemetry("d1"), "skypatrol/v1/drones/d1/telemetry", new TopicRoute.Telemetry("d1")),
            new Row(t -> t.droneStatus("d1"), "skypatrol/v1/drones/d1/status", new TopicRoute.DroneStatus("d1")),
            new Row(t -> t.cameraStatus("cam-7"), "skypatrol/v1/cameras/cam-7/status", new TopicRoute.CameraStatus("cam-7")),
            new Row(t -> t.alerts("cam-7"), "skypatrol/v1/alerts/cam-7", new TopicRoute.Alerts("cam-7")),
            new Row(t -> t.broadcastCommand("d1"), "skypatrol/v1/drones/d1/commands/broadcast",
                    new TopicRoute.BroadcastCommand("d1")),
            new Row(t -> t.commandResult("d1"), "skypatrol/v1/drones/d1/commands/result", new TopicRoute.CommandResult("d1")),
            new Row(t -> t.gatewayStatus("gw-1"), "skypatrol/v1/gateways/gw-1/status", new TopicRoute.GatewayStatus("gw-1")),
            new Row(t -> t.gatewayAcks("gw-1"), "skypatrol/v1/gateways/gw-1/acks", new TopicRoute.GatewayAcks("gw-1")),
            new Row(t -> Topics.djiOsd("1581F5BK"), "thing/product/1581F5BK/osd", new TopicRoute.DjiOsd("1581F5BK")),
            new Row(t -> Topics.djiState("1581F5BK"), "thing/product/1581F5BK/state", new TopicRoute.DjiState("1581F5BK")),
            new Row(t -> Topics.djiStatus("4TADK"), "sys/product/4TADK/status", new TopicRoute.DjiStatus("4TADK")),
            new Row(t -> Topics.djiDrcUp("4TADK"), "thing/product/4TADK/drc/up", new TopicRoute.DjiDrcUp("4TADK")));

    @Test
    void build_everyTopic_matchesTableAndParsesBack() {
        for (Row r : TABLE) {
            String built = r.build().apply(topics);
            assertThat(built).isEqualTo(r.expected());
            assertThat(topics.parse(built)).as(built).contains(r.route());
        }
    }

    @Test
    void build_customPrefix_usedEverywhereAndParsedBack() {
        Topics t = new Topics("police/north/sp");
        assertThat(t.telemetry("d1")).isEqualTo("police/north/sp/drones/d1/telemetry");
        assertThat(t.parse("police/north/sp/alerts/c1")).contains(new TopicRoute.Alerts("c1"));
        assertThat(t.parse("skypatrol/v1/alerts/c1")).isEmpty();
        assertThat(t.allBroadcastCommandsFilter()).isEqualTo("police/north/sp/drones/+/commands/broadcast");
        assertThat(t.everythingFilter()).isEqualTo("police/north/sp/#");
    }

    @Test
    void build_idWithSeparatorOrWildcard_throws() {
        for (String bad : new String[] {"a/b", "+", "#", "", "a b", "x".repeat(65), null}) {
            assertThatThrownBy(() -> topics.telemetry(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Topics("a/+/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Topics("/a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_foreignOrMalformedTopics_empty() {
        for (String t : new String[] {"skypatrol/v1", "skypatrol/v1/drones", "skypatrol/v1/drones/d1",
                "skypatrol/v1/drones/d1/telemetry/extra", "skypatrol/v1/drones/+/status", "skypatrol/v1/alerts/a/b",
                "skypatrol/v1/cameras/c/telemetry", "skypatrol/v2/drones/d1/status", "thing/product/sn/osd/x",
                "thing/product//osd", "sys/product/sn/state", "other/topic", "", "skypatrol/v1/drones//status"}) {
            assertThat(topics.parse(t)).as(t).isEmpty();
        }
    }

    @Test
    void filters_djiSubscriptions_matchBuiltTopicsShape() {
        assertThat(Topics.DJI_OSD_FILTER).isEqualTo("thing/product/+/osd");
        assertThat(Topics.DJI_STATE_FILTER).isEqualTo("thing/product/+/state");
        assertThat(Topics.DJI_STATUS_FILTER).isEqualTo("sys/product/+/status");
        assertThat(Topics.DJI_DRC_UP_FILTER).isEqualTo("thing/product/+/drc/up");
    }
}
