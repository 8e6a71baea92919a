package org.skypatrol.protocols.mqtt;

/** A parsed topic: which kind of topic it is and the id it names. Produced only by {@link Topics#parse}. */
public sealed interface TopicRoute {

    /** The id level of the topic (drone, camera, source, gateway id or DJI serial number). */
    String id();

    record Telemetry(String id) implements TopicRoute { }

    record DroneStatus(String id) implements TopicRoute { }

    record CameraStatus(String id) implements TopicRoute { }

    record Alerts(String id) implements TopicRoute { }

    record BroadcastCommand(String id) implements TopicRoute { }

    record CommandResult(String id) implements TopicRoute { }

    record GatewayStatus(String id) implements TopicRoute { }

    record GatewayAcks(String id) implements TopicRoute { }

    /** DJI {@code thing/product/{sn}/osd}: periodic device properties (0.5 Hz). */
    record DjiOsd(String id) implements TopicRoute { }

    /** DJI {@code thing/product/{sn}/state}: properties reported on change. */
    record DjiState(String id) implements TopicRoute { }

    /** DJI {@code sys/product/{gateway_sn}/status}: topology (which aircraft is online under a gateway). */
    record DjiStatus(String id) implements TopicRoute { }

    /** DJI {@code thing/product/{gateway_sn}/drc/up}: DRC uplink, e.g. {@code osd_info_push}. */
    record DjiDrcUp(String id) implements TopicRoute { }
}
