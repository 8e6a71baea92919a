package org.skypatrol.samples.drone;

import org.skypatrol.protocols.mavlink.CommandAck;
import org.skypatrol.protocols.mavlink.CommandLong;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.VideoStreamInformation;

/**
 * Answers MAV_CMD_REQUEST_MESSAGE (512) for VIDEO_STREAM_INFORMATION (param1 = 269) as a drone with
 * one RTSP camera stream does (MAVLink camera protocol, "Video Streaming"): COMMAND_ACK accepted, then
 * the stream information with {@code uri} ({@code {sysid}} is replaced by the drone's system id).
 * Every other message goes on to the next component.
 */
public final class VideoStreamResponder implements DroneComponent {

    static final int MAV_CMD_REQUEST_MESSAGE = 512;
    static final int VIDEO_STREAM_TYPE_RTSP = 0;
    static final int VIDEO_STREAM_STATUS_FLAGS_RUNNING = 1;
    static final int VIDEO_STREAM_ENCODING_H264 = 1;

    private final String uri;

    public VideoStreamResponder(String uri) {
        this.uri = uri;
    }

    @Override
    public boolean onMessage(SimulatedDrone drone, MavlinkFrame frame, MavlinkMessage message, DroneOutput out) {
        if (!(message instanceof CommandLong c) || c.command() != MAV_CMD_REQUEST_MESSAGE
                || (int) c.param1() != VideoStreamInformation.ID) {
            return false;
        }
        drone.stats().commandsAnswered.incrementAndGet();
        out.send(new CommandAck(c.command(), CommandResponder.MAV_RESULT_ACCEPTED, 0, 0, frame.systemId(),
                frame.componentId()));
        out.send(new VideoStreamInformation(1, 1, VIDEO_STREAM_TYPE_RTSP, VIDEO_STREAM_STATUS_FLAGS_RUNNING, 10f,
                320, 240, 500_000, 0, 90, "camera", uri.replace("{sysid}", Integer.toString(drone.sysid())),
                VIDEO_STREAM_ENCODING_H264, 0));
        return true;
    }
}
