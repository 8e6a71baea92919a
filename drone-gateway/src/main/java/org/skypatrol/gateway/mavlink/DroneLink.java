package org.skypatrol.gateway.mavlink;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.skypatrol.gateway.drones.DroneKey;
import org.skypatrol.protocols.mavlink.MavlinkDatagram;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkVersion;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * The way back to one drone: the endpoint's UDP channel plus the address the drone last spoke
 * from (it may roam), or the drone's own TCP connection. The gateway speaks as system 255,
 * component 190 (MAV_COMP_ID_MISSIONPLANNER, a ground station) with its own sequence numbers per
 * link, in the MAVLink version the drone itself uses.
 */
public final class DroneLink {

    /** The gateway's MAVLink identity towards drones. */
    public static final int GATEWAY_SYSID = 255;
    public static final int GATEWAY_COMPID = 190;

    private final DroneKey key;
    private final String droneId;
    private volatile Channel channel;
    private volatile InetSocketAddress udpPeer;
    private volatile int autopilotCompid = 1;
    private volatile MavlinkVersion version = MavlinkVersion.V2;
    private final AtomicInteger sequence = new AtomicInteger();
    private final EndpointStats stats;
    private final UnaryOperator<MavlinkFrame> signer;
    private final boolean signs;

    DroneLink(DroneKey key, String droneId, EndpointStats stats, UnaryOperator<MavlinkFrame> signer, boolean signs) {
        this.key = key;
        this.droneId = droneId;
        this.stats = stats;
        this.signer = signer;
        this.signs = signs;
    }

    /** Updates where the drone speaks from (called for every frame; cheap when nothing changed). */
    void update(Channel ch, InetSocketAddress peer, MavlinkVersion v) {
        if (channel != ch) {
            channel = ch;
        }
        if (peer != null && !peer.equals(udpPeer)) {
            udpPeer = peer;
        }
        if (version != v) {
            version = v;
        }
    }

    void autopilotCompid(int compid) {
        this.autopilotCompid = compid;
    }

    public DroneKey key() {
        return key;
    }

    public String droneId() {
        return droneId;
    }

    /** The component that sent the autopilot's HEARTBEAT (commands are addressed to it). */
    public int autopilotCompid() {
        return autopilotCompid;
    }

    /** The address the drone is answered on (UDP), or null for TCP. */
    public InetSocketAddress udpPeer() {
        return udpPeer;
    }

    public MavlinkVersion version() {
        return version;
    }

    /** Whether the drone can be reached now (channel open). */
    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /**
     * Frames a message from the gateway (signed when the endpoint has a key; MAVLink 2 then, since
     * v1 cannot carry a signature) and sends it; the future fails if the link is closed.
     */
    public ChannelFuture send(MavlinkMessage message) {
        MavlinkVersion v = message.messageId() > 255 || signs ? MavlinkVersion.V2 : version;
        MavlinkFrame frame = signer.apply(MavlinkMessages.toFrame(v, sequence.getAndIncrement() & 0xFF,
                GATEWAY_SYSID, GATEWAY_COMPID, message));
        return sendFrame(frame);
    }

    /** Sends a ready-made frame as is. */
    public ChannelFuture sendFrame(MavlinkFrame frame) {
        Channel ch = channel;
        if (ch == null) {
            throw new IllegalStateException("drone " + droneId + " has no link yet");
        }
        stats.framesOut.increment();
        InetSocketAddress peer = udpPeer;
        return peer != null ? ch.writeAndFlush(new MavlinkDatagram(frame, peer)) : ch.writeAndFlush(frame);
    }
}
