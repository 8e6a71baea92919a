package org.skypatrol.gateway.broadcast;

/**
 * What the DJI loudspeaker transport needs from the MQTT side that DJI docks and remote
 * controllers connect to: the gateway serial a drone is reached through, and a QoS 1 publish.
 * Device messages on {@code thing/product/+/services_reply} and {@code thing/product/+/events}
 * are handed to {@link DjiSpeakerTransport#onDeviceMessage}.
 */
public interface DjiSpeakerLink {

    /** The DJI gateway (dock/RC) serial for the drone, or null when it is not a DJI drone we know. */
    String gatewaySn(String droneId);

    /** Publishes a cloud → device message (QoS 1); must not block for long. */
    void publish(String topic, byte[] payload);
}
