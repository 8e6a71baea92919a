package org.skypatrol.samples.drone;

import org.skypatrol.protocols.mavlink.MavlinkMessage;

/** How a simulated drone (or one of its components) puts a message on its link. */
@FunctionalInterface
public interface DroneOutput {

    /** Frames {@code message} as sent by {@code componentId} of this drone (own sequence numbers) and sends it. */
    void send(int componentId, MavlinkMessage message);

    /** Sends from the autopilot (component 1). */
    default void send(MavlinkMessage message) {
        send(SimulatedDrone.COMPID_AUTOPILOT, message);
    }
}
