package org.skypatrol.protocols.mqtt.dji;

import java.util.List;

import org.skypatrol.protocols.telemetry.Telemetry;

/** What a DJI Cloud API device message means to the gateway. Produced by {@link DjiParser}. */
public sealed interface DjiMessage {

    /** Envelope fields common to every DJI message (DJI Cloud API "MQTT topic definition"). */
    record Envelope(String tid, String bid, long timestampMillis, String gateway, String method) {
    }

    /** Aircraft telemetry from {@code thing/product/{sn}/osd} or {@code .../state}; droneId is the aircraft sn. */
    record AircraftOsd(Envelope envelope, Telemetry telemetry) implements DjiMessage { }

    /**
     * High-rate DRC {@code osd_info_push} from {@code thing/product/{gateway_sn}/drc/up}; the payload does
     * not name the aircraft, so {@code telemetry.droneId()} is the gateway sn until the caller maps it.
     */
    record DrcOsd(Envelope envelope, String gatewaySn, Telemetry telemetry) implements DjiMessage { }

    /** {@code sys/product/{gateway_sn}/status} {@code update_topo}: the devices now online under a gateway. */
    record Topology(Envelope envelope, String gatewaySn, List<String> subDeviceSns) implements DjiMessage { }

    /** Valid but of no use to us (a dock's own osd, other DRC methods, state without position). */
    record Ignored(String reason) implements DjiMessage { }
}
