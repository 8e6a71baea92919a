package org.skypatrol.protocols.mqtt;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place where MQTT topic strings are built and parsed: the command-centre tree under a
 * configurable prefix (default {@value #DEFAULT_PREFIX}, see DESIGN.md "MQTT topics") and the DJI Cloud
 * API device topics ({@code thing/product/{sn}/osd|state|drc/up}, {@code sys/product/{sn}/status}).
 *
 * <p>Ids in topics must be 1..64 characters of {@code A-Z a-z 0-9 _ - .} so that no id can contain a
 * level separator or a wildcard (MQTT 5 section 4.7); building with a bad id throws, parsing a topic with
 * one returns empty.
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "skypatrol/v1";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    private final String prefix;
    private final String[] prefixLevels;

    public Topics(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("bad topic prefix '" + prefix
                    + "': levels of A-Z a-z 0-9 _ - . separated by '/', no wildcards, no leading/trailing '/'");
        }
        this.prefix = prefix;
        this.prefixLevels = prefix.split("/");
    }

    public static Topics withDefaultPrefix() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    /** True when {@code id} may be used as one topic level (drone, camera, source, gateway id, DJI sn). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static String id(String id, String what) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("bad " + what + " '" + id + "' for a topic level");
        }
        return id;
    }

    // --- command-centre tree: build ---

    public String telemetry(String droneId) {
        return prefix + "/drones/" + id(droneId, "droneId") + "/telemetry";
    }

    public String droneStatus(String droneId) {
        return prefix + "/drones/" + id(droneId, "droneId") + "/status";
    }

    public String cameraStatus(String cameraId) {
        return prefix + "/cameras/" + id(cameraId, "cameraId") + "/status";
    }

    public String alerts(String sourceId) {
        return prefix + "/alerts/" + id(sourceId, "sourceId");
    }

    public String broadcastCommand(String droneId) {
        return prefix + "/drones/" + id(droneId, "droneId") + "/commands/broadcast";
    }

    public String commandResult(String droneId) {
        return prefix + "/drones/" + id(droneId, "droneId") + "/commands/result";
    }

    public String gatewayStatus(String gatewayId) {
        return prefix + "/gateways/" + id(gatewayId, "gatewayId") + "/status";
    }

    /** Application acknowledgements from the command centre for this gateway's outbox (in). */
    public String gatewayAcks(String gatewayId) {
        return prefix + "/gateways/" + id(gatewayId, "gatewayId") + "/acks";
    }

    // --- command-centre tree: subscription filters ---

    /** Every broadcast command for any drone (the gateway validates that the drone is known). */
    public String allBroadcastCommandsFilter() {
        return prefix + "/drones/+/commands/broadcast";
    }

    /** The whole tree (used by {@code skypatrol mqtt tail}). */
    public String everythingFilter() {
        return prefix + "/#";
    }

    // --- DJI Cloud API device side ---

    public static String djiOsd(String sn) {
        return "thing/product/" + id(sn, "device sn") + "/osd";
    }

    public static String djiState(String sn) {
        return "thing/product/" + id(sn, "device sn") + "/state";
    }

    public static String djiStatus(String gatewaySn) {
        return "sys/product/" + id(gatewaySn, "gateway sn") + "/status";
    }

    public static String djiDrcUp(String gatewaySn) {
        return "thing/product/" + id(gatewaySn, "gateway sn") + "/drc/up";
    }

    public static final String DJI_OSD_FILTER = "thing/product/+/osd";
    public static final String DJI_STATE_FILTER = "thing/product/+/state";
    public static final String DJI_STATUS_FILTER = "sys/product/+/status";
    public static final String DJI_DRC_UP_FILTER = "thing/product/+/drc/up";

    // --- parsing ---

    /** Parses any topic this system uses; empty when it is not one of ours (or has a bad id). */
    public Optional<TopicRoute> parse(String topic) {
        Objects.requireNonNull(topic, "topic");
        String[] l = topic.split("/", -1);
        Optional<TopicRoute> dji = parseDji(l);
        if (dji.isPresent()) {
            return dji;
        }
        if (l.length <= prefixLevels.length) {
            return Optional.empty();
        }
        for (int i = 0; i < prefixLevels.length; i++) {
            if (!prefixLevels[i].equals(l[i])) {
                return Optional.empty();
            }
        }
        int n = l.length - prefixLevels.length;
        int o = prefixLevels.length;
        String kind = l[o];
        if (n < 2 || !isValidId(l[o + 1])) {
            return Optional.empty();
        }
        String id = l[o + 1];
        TopicRoute r = switch (kind) {
            case "drones" -> n == 3 && l[o + 2].equals("telemetry") ? new TopicRoute.Telemetry(id)
                    : n == 3 && l[o + 2].equals("status") ? new TopicRoute.DroneStatus(id)
                    : n == 4 && l[o + 2].equals("commands") && l[o + 3].equals("broadcast")
                            ? new TopicRoute.BroadcastCommand(id)
                    : n == 4 && l[o + 2].equals("commands") && l[o + 3].equals("result")
                            ? new TopicRoute.CommandResult(id)
                    : null;
            case "cameras" -> n == 3 && l[o + 2].equals("status") ? new TopicRoute.CameraStatus(id) : null;
            case "alerts" -> n == 2 ? new TopicRoute.Alerts(id) : null;
            case "gateways" -> n == 3 && l[o + 2].equals("status") ? new TopicRoute.GatewayStatus(id)
                    : n == 3 && l[o + 2].equals("acks") ? new TopicRoute.GatewayAcks(id)
                    : null;
            default -> null;
        };
        return Optional.ofNullable(r);
    }

    private static Optional<TopicRoute> parseDji(String[] l) {
        if (l.length >= 4 && l[1].equals("product") && isValidId(l[2])) {
            if (l[0].equals("thing") && l.length == 4 && l[3].equals("osd")) {
                return Optional.of(new TopicRoute.DjiOsd(l[2]));
            }
            if (l[0].equals("thing") && l.length == 4 && l[3].equals("state")) {
                return Optional.of(new TopicRoute.DjiState(l[2]));
            }
            if (l[0].equals("thing") && l.length == 5 && l[3].equals("drc") && l[4].equals("up")) {
                return Optional.of(new TopicRoute.DjiDrcUp(l[2]));
            }
            if (l[0].equals("sys") && l.length == 4 && l[3].equals("status")) {
                return Optional.of(new TopicRoute.DjiStatus(l[2]));
            }
        }
        return Optional.empty();
    }
}
