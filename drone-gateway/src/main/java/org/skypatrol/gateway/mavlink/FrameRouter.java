package org.skypatrol.gateway.mavlink;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;

import org.skypatrol.gateway.drones.DroneKey;
import org.skypatrol.gateway.drones.DroneRegistry;
import org.skypatrol.protocols.mavlink.CommandAck;
import org.skypatrol.protocols.mavlink.Heartbeat;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.MavlinkMessages;

import io.netty.channel.Channel;

/**
 * What the gateway does with each accepted frame, whatever the endpoint: HEARTBEAT registers and
 * refreshes the drone (ground stations excepted), the drone's link remembers where to answer,
 * sequence numbers give the loss, COMMAND_ACK completes a tracked command, and the rest goes to
 * the telemetry normaliser. Frames from a system that never sent a HEARTBEAT are counted, not
 * attributed. Runs on the endpoints' event loops; never blocks.
 */
public final class FrameRouter {

    /** MAV_TYPE_GCS: a ground station's HEARTBEAT never makes a drone. */
    static final int MAV_TYPE_GCS = 6;

    private final Clock clock;
    private final DroneRegistry registry;
    private final TelemetryNormaliser normaliser;
    private final CommandTracker commands;
    private final Map<DroneKey, DroneLink> links = new ConcurrentHashMap<>();
    private final Map<DroneKey, SequenceTracker> sequences = new ConcurrentHashMap<>();
    private final List<MavlinkInboundListener> listeners = new CopyOnWriteArrayList<>();
    private final ErrorLog listenerErrors = new ErrorLog(org.slf4j.LoggerFactory.getLogger(FrameRouter.class));

    public FrameRouter(Clock clock, DroneRegistry registry, TelemetryNormaliser normaliser, CommandTracker commands) {
        this.clock = clock;
        this.registry = registry;
        this.normaliser = normaliser;
        this.commands = commands;
    }

    /**
     * @param udpPeer the sender for UDP (where to answer), null for TCP
     * @param remote  the peer address (UDP sender or TCP remote)
     */
    void onFrame(EndpointContext endpoint, MavlinkFrame frame, Channel channel, InetSocketAddress udpPeer,
                 SocketAddress remote) {
        EndpointStats stats = endpoint.stats();
        DroneKey key = new DroneKey(endpoint.name(), frame.systemId());
        MavlinkMessage message = MavlinkMessages.decode(frame);
        Heartbeat heartbeat = message instanceof Heartbeat h ? h : null;
        if (heartbeat != null && heartbeat.type() == MAV_TYPE_GCS) {
            stats.groundStationFrames.increment();
            return;
        }
        if (heartbeat == null && registry.idOf(key) == null) {
            stats.framesFromUnknown.increment();
            return;
        }
        DroneLink link = links.computeIfAbsent(key, k -> new DroneLink(k, k.toString(), stats, endpoint.signer(), endpoint.signs()));
        link.update(channel, udpPeer, frame.version());
        if (heartbeat != null) {
            boolean autopilot = heartbeat.autopilot() != TelemetryNormaliser.AUTOPILOT_INVALID;
            if (autopilot) {
                link.autopilotCompid(frame.componentId());
            }
            registry.heartbeat(key, endpoint.transport(), remote, autopilot ? heartbeat.type() : -1,
                    autopilot ? heartbeat.autopilot() : -1);
        } else if (udpPeer != null) {
            registry.touch(key, remote);
        }
        String droneId = registry.idOf(key);
        int gap = sequences.computeIfAbsent(key, k -> new SequenceTracker())
                .onFrame(frame.componentId(), frame.sequence());
        if (gap > 0) {
            stats.sequenceLost.add(gap);
        }
        Instant now = clock.instant();
        for (MavlinkInboundListener l : listeners) {
            try {
                l.onMessage(droneId, frame, message);
            } catch (RuntimeException e) {
                // a failing listener is isolated: the frame still reaches the others and the normaliser
                listenerErrors.record("inbound listener " + l.getClass().getSimpleName(), e);
            }
        }
        if (message instanceof CommandAck ack) {
            if (ack.targetSystem() == DroneLink.GATEWAY_SYSID || ack.targetSystem() == 0) {
                commands.onAck(droneId, ack.command(), ack.result());
            }
            return;
        }
        normaliser.onMessage(droneId, message, now);
    }

    void addListener(MavlinkInboundListener listener) {
        listeners.add(listener);
    }

    /** The link of a registered drone, by drone id. */
    public Optional<DroneLink> link(String droneId) {
        return registry.byId(droneId).map(d -> links.get(d.key()));
    }

    /** Frames lost on the way from a drone (sequence gaps), or -1 for an unknown drone. */
    public long sequenceLost(String droneId) {
        return registry.byId(droneId).map(d -> sequences.get(d.key())).map(SequenceTracker::lost).orElse(-1L);
    }
}
