package org.skypatrol.samples.drone;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.skypatrol.protocols.mavlink.MavlinkCounters;
import org.skypatrol.protocols.mavlink.MavlinkDatagram;
import org.skypatrol.protocols.mavlink.MavlinkDatagramDecoder;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkInboundFilter;
import org.skypatrol.protocols.mavlink.MavlinkParser;
import org.skypatrol.protocols.mavlink.MavlinkSigning;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.MavlinkSigningPolicy;
import org.skypatrol.protocols.mavlink.MavlinkStreamDecoder;
import org.skypatrol.protocols.mavlink.MavlinkTimestampSource;
import org.skypatrol.protocols.mavlink.MavlinkTimestampStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Runs several {@link SimulatedDrone}s from one process on one Netty event loop: each drone has its
 * own UDP socket (so the gateway answers each on its own address, as with real drones) or its own
 * TCP connection, and a 100 Hz tick sends whatever each drone has due.
 */
public final class DroneSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DroneSimulator.class);
    private static final long TICK_MICROS = 10_000;

    private final SimulatorOptions options;
    private final List<SimulatedDrone> drones = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<Packer> packers = new ArrayList<>();
    private final MavlinkCounters inbound = new MavlinkCounters();
    private final MavlinkTimestampSource timestamps =
            new MavlinkTimestampSource(Clock.systemUTC(), MavlinkTimestampStore.inMemory());
    private MavlinkInboundFilter filter;
    private EventLoopGroup group;
    private ScheduledFuture<?> ticker;
    private long startNanos;

    public DroneSimulator(SimulatorOptions options) {
        this.options = options;
        for (int i = 0; i < options.count(); i++) {
            int sysid = options.sysidOf(i);
            // spread by system id, so drones of several simulators (first sysids apart) fly apart too
            int fleet = options.firstSysid() - 1 + Math.min(options.count(), SimulatorOptions.DRONES_PER_PORT);
            Flight flight = options.flights() != null ? options.flights().apply(sysid)
                    : PatrolFlight.g110(sysid - 1, Math.max(fleet, 1));
            drones.add(new SimulatedDrone(sysid, flight, options.version(),
                    options.rateHz(), options.loss(), options.corrupt(), options.seed() * 1_000_003L + i,
                    options.components().apply(sysid), signer()));
        }
    }

    /**
     * Signs with link id 0 and timestamps from this process's clock, strictly increasing
     * (message_signing.html#timestamp); identity when unsigned.
     */
    private UnaryOperator<MavlinkFrame> signer() {
        MavlinkSigningKey key = options.signingKey();
        if (key == null) {
            return UnaryOperator.identity();
        }
        return frame -> MavlinkSigning.sign(frame, key, 0, timestamps.next());
    }

    /** Frames from the gateway must be signed with the key too, when the drones sign. */
    private MavlinkInboundFilter inboundFilter() {
        MavlinkSigningKey key = options.signingKey();
        return key == null ? MavlinkInboundFilter.ACCEPT_ALL
                : new MavlinkSigningPolicy(key, true, MavlinkSigningPolicy.DEFAULT_UNSIGNED_ALLOWED, Clock.systemUTC());
    }

    /** Opens every drone's socket or connection and starts flying. */
    public DroneSimulator start() throws InterruptedException {
        filter = inboundFilter();
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("drone-sim", true), NioIoHandler.newFactory());
        for (int i = 0; i < drones.size(); i++) {
            SimulatedDrone drone = drones.get(i);
            InetSocketAddress target = options.targetOf(i);
            Channel ch = options.tcp() ? connectTcp(drone, target) : openUdp(drone, target);
            channels.add(ch);
        }
        startNanos = System.nanoTime();
        ticker = group.next().scheduleAtFixedRate(this::tick, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
        log.info("{} simulated drone(s) flying, {} over {} to {}", drones.size(), options.version(),
                options.tcp() ? "TCP" : "UDP", options.target());
        return this;
    }

    private Channel openUdp(SimulatedDrone drone, InetSocketAddress target) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new MavlinkDatagramDecoder(new MavlinkParser(), inbound, filter),
                                new SimpleChannelInboundHandler<MavlinkDatagram>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, MavlinkDatagram d) {
                                        drone.onFrame(d.frame());
                                    }
                                });
                    }
                });
        Channel ch = b.bind(new InetSocketAddress(target.getAddress(), 0)).sync().channel();
        if (options.packDatagrams()) {
            Packer packer = new Packer(ch, target);
            packers.add(packer);
            drone.wire(packer::add);
        } else {
            drone.wire(bytes -> ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), target)));
        }
        return ch;
    }

    private Channel connectTcp(SimulatedDrone drone, InetSocketAddress target) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MavlinkStreamDecoder(new MavlinkParser(), inbound, filter),
                                new SimpleChannelInboundHandler<MavlinkFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, MavlinkFrame f) {
                                        drone.onFrame(f);
                                    }
                                });
                    }
                });
        Channel ch = b.connect(target).sync().channel();
        drone.wire(bytes -> ch.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
        return ch;
    }

    private void tick() {
        double seconds = options.clock() != null ? options.clock().getAsDouble()
                : (System.nanoTime() - startNanos) / 1e9;
        for (SimulatedDrone d : drones) {
            try {
                d.tick(seconds);
            } catch (RuntimeException e) {
                // one drone's failure must not stop the others (the schedule would be cancelled)
                log.error("drone {} failed to tick", d.sysid(), e);
            }
        }
        for (Packer p : packers) {
            p.flush();
        }
    }

    /**
     * Collects a drone's frames into datagrams of at most {@link #MAX_DATAGRAM} bytes, sent at the
     * end of each tick. Event-loop confined.
     */
    private static final class Packer {
        static final int MAX_DATAGRAM = 1400;
        private final Channel channel;
        private final InetSocketAddress target;
        private final byte[] buffer = new byte[MAX_DATAGRAM];
        private int length;

        Packer(Channel channel, InetSocketAddress target) {
            this.channel = channel;
            this.target = target;
        }

        void add(byte[] frame) {
            if (length + frame.length > MAX_DATAGRAM) {
                flush();
            }
            System.arraycopy(frame, 0, buffer, length, frame.length);
            length += frame.length;
        }

        void flush() {
            if (length > 0) {
                channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(buffer, 0, length), target));
                length = 0;
            }
        }
    }

    public List<SimulatedDrone> drones() {
        return List.copyOf(drones);
    }

    /** Frames received from the gateway, by outcome. */
    public MavlinkCounters inbound() {
        return inbound;
    }

    public long framesSent() {
        return drones.stream().mapToLong(d -> d.stats().framesSent.get()).sum();
    }

    public long framesDropped() {
        return drones.stream().mapToLong(d -> d.stats().framesDropped.get()).sum();
    }

    public long framesCorrupted() {
        return drones.stream().mapToLong(d -> d.stats().framesCorrupted.get()).sum();
    }

    public long commandsAnswered() {
        return drones.stream().mapToLong(d -> d.stats().commandsAnswered.get()).sum();
    }

    /** Stops sending and closes every socket: to the gateway, the drones fall silent. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        for (Channel ch : channels) {
            ch.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
