package org.skypatrol.samples.drone;

import org.skypatrol.protocols.mavlink.MavlinkMessage;

/** How a simulated drone (or one of its components) puts a message on its link. */
@FunctionalInterface
public interface DroneOutput {

    /** Frames {@code message} from the drone's autopilot (component 1) and sends it. */
    void send(MavlinkMessage message);
}
