package org.skypatrol.gateway.mavlink;

/**
 * How a command sent to a drone ended: the drone's COMMAND_ACK result, or no ack at all.
 *
 * @param status   ACKED with a result, or TIMEOUT after every retry
 * @param result   MAV_RESULT of the ack (0 accepted, 1 temporarily rejected, 2 denied, 3 unsupported,
 *                 4 failed, 6 cancelled...), or -1 on timeout
 * @param attempts transmissions made (1 + retries used)
 */
public record CommandOutcome(Status status, int result, int attempts) {

    /** MAV_RESULT values (common.xml) the gateway reacts to. */
    public static final int MAV_RESULT_ACCEPTED = 0;
    public static final int MAV_RESULT_IN_PROGRESS = 5;

    /** Whether the drone answered. */
    public enum Status { ACKED, TIMEOUT }

    public boolean accepted() {
        return status == Status.ACKED && result == MAV_RESULT_ACCEPTED;
    }
}
