package org.skypatrol.protocols.mqtt.dji;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.skypatrol.protocols.mqtt.PayloadJson;
import org.skypatrol.protocols.mqtt.TopicRoute;
import org.skypatrol.protocols.telemetry.Telemetry;

/**
 * Parses DJI Cloud API device messages into the shared {@link Telemetry} record. Field names follow the
 * DJI Cloud API documentation ("MQTT topic definition" envelope {@code tid/bid/timestamp/gateway/data};
 * aircraft properties {@code latitude, longitude, height, elevation, attitude_head/pitch/roll,
 * horizontal_speed, vertical_speed, battery.capacity_percent, position_state, mode_code} and payload
 * entries keyed {@code type-subtype-gimbalindex} such as {@code 39-0-7}; DRC {@code osd_info_push}).
 * Unknown fields are ignored; a missing component stays null (never a made-up zero).
 */
public final class DjiParser {

    private static final Pattern PAYLOAD_KEY = Pattern.compile("\\d+-\\d+-\\d+");
    private static final ObjectMapper JSON = PayloadJson.mapper();

    /** Aircraft {@code mode_code} names (DJI Cloud API aircraft properties); others map to dji_mode_N. */
    private static final Map<Integer, String> MODES = Map.ofEntries(
            Map.entry(0, "standby"), Map.entry(1, "takeoff_preparation"),
            Map.entry(2, "takeoff_preparation_completed"), Map.entry(3, "manual"), Map.entry(4, "auto_takeoff"),
            Map.entry(5, "wayline"), Map.entry(6, "panoramic_photography"), Map.entry(7, "intelligent_tracking"),
            Map.entry(8, "adsb_avoidance"), Map.entry(9, "auto_return_home"), Map.entry(10, "auto_landing"),
            Map.entry(11, "forced_landing"), Map.entry(12, "three_blade_landing"), Map.entry(13, "upgrading"),
            Map.entry(14, "not_connected"), Map.entry(15, "apas"), Map.entry(16, "virtual_stick"),
            Map.entry(17, "live_flight_controls"), Map.entry(18, "airborne_rtk_fixing"),
            Map.entry(19, "dock_address_selecting"));

    private DjiParser() {
    }

    public static DjiMessage parse(TopicRoute route, byte[] payload, Instant receivedAt) throws DjiParseException {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new DjiParseException("malformed JSON on " + route);
        }
        if (root == null || !root.isObject()) {
            throw new DjiParseException("not a JSON object on " + route);
        }
        DjiMessage.Envelope env = new DjiMessage.Envelope(text(root, "tid"), text(root, "bid"),
                root.path("timestamp").asLong(0), text(root, "gateway"), text(root, "method"));
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new DjiParseException("missing data object on " + route);
        }
        if (route instanceof TopicRoute.DjiOsd r) {
            return aircraft(env, r.id(), data, receivedAt, "osd");
        } else if (route instanceof TopicRoute.DjiState r) {
            return aircraft(env, r.id(), data, receivedAt, "state");
        } else if (route instanceof TopicRoute.DjiDrcUp r) {
            return drc(env, r.id(), data, receivedAt);
        } else if (route instanceof TopicRoute.DjiStatus r) {
            return topology(env, r.id(), data);
        }
        return new DjiMessage.Ignored("not a DJI topic: " + route);
    }

    private static DjiMessage aircraft(DjiMessage.Envelope env, String sn, JsonNode d, Instant t, String kind) {
        Telemetry.Position pos = position(d, "height", "elevation");
        boolean aircraftFields = d.has("attitude_head") || d.has("horizontal_speed") || d.has("mode_code");
        if (pos == null && !aircraftFields) {
            return new DjiMessage.Ignored(kind + " without aircraft fields (a dock or a partial state)");
        }
        Double head = num(d, "attitude_head");
        Double heading = head == null ? null : normalise360(head);
        Telemetry.Attitude att = head != null && d.has("attitude_pitch") && d.has("attitude_roll")
                ? new Telemetry.Attitude(num(d, "attitude_roll"), num(d, "attitude_pitch"), heading) : null;
        Double hs = num(d, "horizontal_speed");
        Double vs = num(d, "vertical_speed");
        Telemetry.Velocity vel = hs == null && vs == null ? null
                : new Telemetry.Velocity(null, null, vs == null ? null : -vs, hs, null);
        Integer mode = d.has("mode_code") && d.get("mode_code").canConvertToInt() ? d.get("mode_code").asInt() : null;
        Telemetry tel = new Telemetry(sn, Telemetry.Source.DJI, t, pos, heading, vel, att, battery(d.get("battery")),
                gnss(d.get("position_state")), mode == null ? null : MODES.getOrDefault(mode, "dji_mode_" + mode),
                null, gimbal(d), null);
        return new DjiMessage.AircraftOsd(env, tel);
    }

    /** DRC {@code osd_info_push}: position, attitude, ENU speeds ({@code speed_x} east, {@code speed_y} north, {@code speed_z} up). */
    private static DjiMessage drc(DjiMessage.Envelope env, String gatewaySn, JsonNode d, Instant t) {
        if (!"osd_info_push".equals(env.method())) {
            return new DjiMessage.Ignored("DRC method " + env.method());
        }
        Telemetry.Position pos = position(d, "height", null);
        Double head = num(d, "attitude_head");
        Double heading = head == null ? null : normalise360(head);
        Telemetry.Attitude att = head != null && d.has("attitude_pitch") && d.has("attitude_roll")
                ? new Telemetry.Attitude(num(d, "attitude_roll"), num(d, "attitude_pitch"), heading) : null;
        Double e = num(d, "speed_x");
        Double n = num(d, "speed_y");
        Double u = num(d, "speed_z");
        Telemetry.Velocity vel = e == null && n == null && u == null ? null
                : new Telemetry.Velocity(n, e, u == null ? null : -u,
                        e != null && n != null ? Math.hypot(e, n) : null, null);
        Telemetry.Gimbal gimbal = d.has("gimbal_pitch")
                ? new Telemetry.Gimbal(num0(d, "gimbal_roll"), num0(d, "gimbal_pitch"), normalise360(num0(d, "gimbal_yaw")))
                : null;
        Telemetry tel = new Telemetry(gatewaySn, Telemetry.Source.DJI, t, pos, heading, vel, att, null, null, null,
                null, gimbal, null);
        return new DjiMessage.DrcOsd(env, gatewaySn, tel);
    }

    private static DjiMessage topology(DjiMessage.Envelope env, String gatewaySn, JsonNode d) {
        if (!"update_topo".equals(env.method())) {
            return new DjiMessage.Ignored("status method " + env.method());
        }
        List<String> sns = new ArrayList<>();
        for (JsonNode sub : d.path("sub_devices")) {
            String sn = sub.path("sn").asText("");
            if (!sn.isEmpty()) {
                sns.add(sn);
            }
        }
        return new DjiMessage.Topology(env, gatewaySn, List.copyOf(sns));
    }

    private static Telemetry.Position position(JsonNode d, String mslKey, String relKey) {
        Double lat = num(d, "latitude");
        Double lon = num(d, "longitude");
        // DJI reports 0/0 when the aircraft has no position fix
        if (lat == null || lon == null || (lat == 0 && lon == 0) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            return null;
        }
        // "height" is the ellipsoid height; the geoid offset is not corrected here (documented in docs/mqtt.md)
        return new Telemetry.Position(lat, lon, num(d, mslKey), relKey == null ? null : num(d, relKey));
    }

    private static Telemetry.Battery battery(JsonNode b) {
        if (b == null || !b.isObject()) {
            return null;
        }
        Double percent = num(b, "capacity_percent");
        Double volts = null;
        JsonNode first = b.path("batteries").path(0);
        if (first.isObject() && num(first, "voltage") != null) {
            volts = num(first, "voltage") / 1000.0; // millivolts
        }
        return percent == null && volts == null ? null : new Telemetry.Battery(volts, null, percent);
    }

    /** {@code position_state.is_fixed}: 0 not started, 1 fixing, 2 fixed, 3 failed; mapped to GPS_FIX_TYPE. */
    private static Telemetry.Gnss gnss(JsonNode p) {
        if (p == null || !p.isObject()) {
            return null;
        }
        int fixed = p.path("is_fixed").asInt(0);
        int rtk = p.path("rtk_number").asInt(0);
        int fixType = fixed == 2 ? (rtk > 0 ? 6 : 3) : fixed == 1 ? 1 : 0;
        Integer sats = p.has("gps_number") ? p.get("gps_number").asInt() : null;
        return new Telemetry.Gnss(fixType, sats, null);
    }

    /** The first payload entry keyed like {@code 39-0-7} with gimbal angles. */
    private static Telemetry.Gimbal gimbal(JsonNode d) {
        Iterator<Map.Entry<String, JsonNode>> it = d.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode g = e.getValue();
            if (PAYLOAD_KEY.matcher(e.getKey()).matches() && g.isObject() && g.has("gimbal_pitch")) {
                return new Telemetry.Gimbal(num0(g, "gimbal_roll"), num0(g, "gimbal_pitch"),
                        normalise360(num0(g, "gimbal_yaw")));
            }
        }
        return null;
    }

    private static double normalise360(double deg) {
        double r = deg % 360.0;
        return r < 0 ? r + 360.0 : r;
    }

    private static Double num(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : null;
    }

    private static double num0(JsonNode n, String key) {
        Double v = num(n, key);
        return v == null ? 0.0 : v;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
