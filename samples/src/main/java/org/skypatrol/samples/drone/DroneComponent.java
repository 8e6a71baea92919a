package org.skypatrol.samples.drone;

import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkMessage;

/**
 * A part of a simulated drone that reacts to what the gateway sends (a command responder, a
 * loudspeaker...) and may emit its own messages on each tick. Components are asked in order; the
 * first that handles a message ends the search.
 */
public interface DroneComponent {

    /** Handles a message addressed to this drone; returns true when it did. */
    boolean onMessage(SimulatedDrone drone, MavlinkFrame frame, MavlinkMessage message, DroneOutput out);

    /** Called on every simulator tick ({@code seconds} since take-off). */
    default void onTick(SimulatedDrone drone, double seconds, DroneOutput out) {
    }
}
