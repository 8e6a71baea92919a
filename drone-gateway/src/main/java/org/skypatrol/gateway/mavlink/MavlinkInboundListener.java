package org.skypatrol.gateway.mavlink;

import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkMessage;

/** Gets every frame a registered drone sends (e.g. loudspeaker answers); must not block. */
@FunctionalInterface
public interface MavlinkInboundListener {

    void onMessage(String droneId, MavlinkFrame frame, MavlinkMessage message);
}
