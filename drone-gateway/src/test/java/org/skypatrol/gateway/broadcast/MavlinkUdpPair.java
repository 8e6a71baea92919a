package org.skypatrol.gateway.broadcast;

import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.skypatrol.protocols.mavlink.Heartbeat;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkInboundFilter;
import org.skypatrol.protocols.mavlink.MavlinkParser;
import org.skypatrol.protocols.mavlink.MavlinkSigning;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.MavlinkSigningPolicy;
import org.skypatrol.protocols.mavlink.MavlinkTimestampSource;
import org.skypatrol.protocols.mavlink.MavlinkTimestampStore;
import org.skypatrol.protocols.mavlink.MavlinkCounters;
import org.skypatrol.protocols.mavlink.MavlinkDatagram;
import org.skypatrol.protocols.mavlink.MavlinkDatagramDecoder;
import org.skypatrol.protocols.mavlink.MavlinkDatagramEncoder;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkVersion;
import org.skypatrol.samples.drone.Loudspeaker;

/**
 * Two real UDP sockets on loopback: the gateway side (a {@link MavlinkSpeakerLink} that learns the
 * drone's address from the frames it sends, as the gateway's endpoint does) and a drone with a
 * {@link Loudspeaker} component. Frames go through the project's MAVLink codec both ways.
 */
final class MavlinkUdpPair implements MavlinkSpeakerLink, AutoCloseable {

    static final int GATEWAY_SYSID = 255;
    static final int GATEWAY_COMPID = 190;

    final String droneId;
    final int droneSysid;
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final MavlinkCounters gatewayCounters = new MavlinkCounters();
    final MavlinkCounters droneCounters = new MavlinkCounters();
    /** Signing timestamps of the frames the drone received, in arrival order. */
    final List<Long> signedTimestampsAtDrone = new CopyOnWriteArrayList<>();
    private final MavlinkSigningKey key;
    private final MavlinkTimestampSource gatewayTimestamps =
            new MavlinkTimestampSource(Clock.systemUTC(), MavlinkTimestampStore.inMemory());
    private final MavlinkTimestampSource droneTimestamps =
            new MavlinkTimestampSource(Clock.systemUTC(), MavlinkTimestampStore.inMemory());
    final Loudspeaker speaker;
    final AtomicInteger framesToDrone = new AtomicInteger();
    private final Channel gateway;
    private final Channel drone;
    private final AtomicInteger gatewaySeq = new AtomicInteger();
    private final AtomicInteger droneSeq = new AtomicInteger();
    private volatile InetSocketAddress droneAddress;
    private volatile BiConsumer<Integer, MavlinkMessage> inbound = (c, m) -> { };

    MavlinkUdpPair(String droneId, int droneSysid) throws InterruptedException {
        this(droneId, droneSysid, null);
    }

    /** With {@code key}: both sides sign every frame and drop unsigned or badly signed ones. */
    MavlinkUdpPair(String droneId, int droneSysid, MavlinkSigningKey key) throws InterruptedException {
        this.droneId = droneId;
        this.droneSysid = droneSysid;
        this.key = key;
        this.gateway = bind(new SimpleChannelInboundHandler<MavlinkDatagram>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, MavlinkDatagram d) {
                if (d.frame().systemId() == droneSysid) {
                    droneAddress = d.peer();
                    inbound.accept(d.frame().componentId(), MavlinkMessages.decode(d.frame()));
                }
            }
        }, gatewayCounters, filter(key));
        InetSocketAddress gatewayAddress = (InetSocketAddress) gateway.localAddress();
        this.speaker = new Loudspeaker(Loudspeaker.DEFAULT_COMPONENT_ID, scheduler,
                reply -> sendFromDrone(reply.componentId(), reply.message(), gatewayAddress));
        this.drone = bind(new SimpleChannelInboundHandler<MavlinkDatagram>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, MavlinkDatagram d) {
                framesToDrone.incrementAndGet();
                if (d.frame().signature() != null) {
                    signedTimestampsAtDrone.add(d.frame().signature().timestamp());
                }
                speaker.handle(d.frame().systemId(), d.frame().componentId(), MavlinkMessages.decode(d.frame()));
            }
        }, droneCounters, filter(key));
        // the drone announces itself, so the gateway side learns where to answer
        sendFromDrone(1, new Heartbeat(2, 3, 0, 0, 4, 3), gatewayAddress);
    }

    /** Routes what the gateway side receives (component id, message) to {@code handler}. */
    void onInbound(BiConsumer<Integer, MavlinkMessage> handler) {
        this.inbound = handler;
    }

    boolean droneHeard() {
        return droneAddress != null;
    }

    private static MavlinkInboundFilter filter(MavlinkSigningKey key) {
        return key == null ? MavlinkInboundFilter.ACCEPT_ALL
                : new MavlinkSigningPolicy(key, true, Set.of(), Clock.systemUTC());
    }

    private MavlinkFrame maybeSign(MavlinkFrame f, MavlinkTimestampSource ts) {
        return key == null ? f : MavlinkSigning.sign(f, key, 1, ts.next());
    }

    private Channel bind(SimpleChannelInboundHandler<MavlinkDatagram> handler, MavlinkCounters counters,
                         MavlinkInboundFilter filter) throws InterruptedException {
        return new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(new MavlinkDatagramDecoder(new MavlinkParser(), counters, filter),
                                new MavlinkDatagramEncoder(),
                                handler);
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    private void sendFromDrone(int compid, MavlinkMessage m, InetSocketAddress to) {
        drone.writeAndFlush(new MavlinkDatagram(maybeSign(
                MavlinkMessages.toFrame(MavlinkVersion.V2, droneSeq.getAndIncrement() & 0xFF, droneSysid, compid, m),
                droneTimestamps), to));
    }

    @Override
    public int systemId(String id) {
        return id.equals(droneId) && droneAddress != null ? droneSysid : -1;
    }

    @Override
    public boolean send(String id, MavlinkMessage message) {
        InetSocketAddress to = droneAddress;
        if (!id.equals(droneId) || to == null) {
            return false;
        }
        gateway.writeAndFlush(new MavlinkDatagram(maybeSign(MavlinkMessages.toFrame(MavlinkVersion.V2,
                gatewaySeq.getAndIncrement() & 0xFF, GATEWAY_SYSID, GATEWAY_COMPID, message), gatewayTimestamps), to));
        return true;
    }

    /** Sends an unsigned frame from the gateway side, whatever the key (to prove the drone drops it). */
    void sendUnsigned(MavlinkMessage message) {
        gateway.writeAndFlush(new MavlinkDatagram(MavlinkMessages.toFrame(MavlinkVersion.V2,
                gatewaySeq.getAndIncrement() & 0xFF, GATEWAY_SYSID, GATEWAY_COMPID, message), droneAddress));
    }

    @Override
    public void close() {
        gateway.close().syncUninterruptibly();
        drone.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        scheduler.shutdownNow();
    }
}
