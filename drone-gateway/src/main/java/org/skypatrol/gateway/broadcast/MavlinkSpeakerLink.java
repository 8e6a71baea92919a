package org.skypatrol.gateway.broadcast;

import org.skypatrol.protocols.mavlink.MavlinkMessage;

/**
 * What the MAVLink loudspeaker transport needs from the gateway's MAVLink side: the route to a
 * drone (the UDP peer or TCP channel it last spoke from) and a way to put one message on it,
 * signed when that drone's endpoint uses signing. Inbound messages from the drone are handed to
 * {@link MavlinkSpeakerTransport#onMessage}.
 */
public interface MavlinkSpeakerLink {

    /** The drone's MAVLink system id, or -1 when the link does not know the drone. */
    int systemId(String droneId);

    /**
     * Sends one message from the gateway to the drone; returns false when there is no route (the
     * drone was never heard on a MAVLink endpoint or its channel is gone).
     */
    boolean send(String droneId, MavlinkMessage message);
}
