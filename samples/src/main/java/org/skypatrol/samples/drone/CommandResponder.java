package org.skypatrol.samples.drone;

import org.skypatrol.protocols.mavlink.CommandAck;
import org.skypatrol.protocols.mavlink.CommandLong;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkMessage;

/**
 * Answers COMMAND_LONG addressed to the drone with COMMAND_ACK, as an autopilot does: it applies
 * MAV_CMD_SET_MESSAGE_INTERVAL (511: param1 message id, param2 interval µs, -1 stops, 0 default) and
 * answers MAV_RESULT_UNSUPPORTED (3) for any other command. The last component in the chain.
 */
public final class CommandResponder implements DroneComponent {

    static final int MAV_CMD_SET_MESSAGE_INTERVAL = 511;
    static final int MAV_RESULT_ACCEPTED = 0;
    static final int MAV_RESULT_DENIED = 2;
    static final int MAV_RESULT_UNSUPPORTED = 3;

    @Override
    public boolean onMessage(SimulatedDrone drone, MavlinkFrame frame, MavlinkMessage message, DroneOutput out) {
        if (!(message instanceof CommandLong c)) {
            return false;
        }
        int result;
        if (c.command() == MAV_CMD_SET_MESSAGE_INTERVAL) {
            result = drone.schedule().setInterval((int) c.param1(), c.param2()) ? MAV_RESULT_ACCEPTED : MAV_RESULT_DENIED;
        } else {
            result = MAV_RESULT_UNSUPPORTED;
        }
        drone.stats().commandsAnswered.incrementAndGet();
        out.send(new CommandAck(c.command(), result, 0, 0, frame.systemId(), frame.componentId()));
        return true;
    }
}
