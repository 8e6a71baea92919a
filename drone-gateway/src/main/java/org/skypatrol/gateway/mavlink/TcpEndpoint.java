package org.skypatrol.gateway.mavlink;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkFrameEncoder;
import org.skypatrol.protocols.mavlink.MavlinkInboundFilter;
import org.skypatrol.protocols.mavlink.MavlinkParser;
import org.skypatrol.protocols.mavlink.MavlinkStreamDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;

/**
 * A TCP server endpoint (as ArduPilot SITL and mavlink-router serve 5760): every connection is a
 * stream of frames with its own decoder; a drone is answered on its own connection. A connection
 * that throws is counted and closed; the others are unaffected.
 */
final class TcpEndpoint implements MavlinkEndpoint {

    private static final Logger log = LoggerFactory.getLogger(TcpEndpoint.class);

    private final MavlinkConfig.Endpoint config;
    private final FrameRouter router;
    private final MavlinkInboundFilter filter;
    private final EndpointContext context;
    private final EndpointStats stats = new EndpointStats();
    private final ErrorLog errors = new ErrorLog(log);
    private final AtomicInteger connections = new AtomicInteger();
    private Channel channel;

    TcpEndpoint(MavlinkConfig.Endpoint config, FrameRouter router, SigningFilters signing) {
        this.config = config;
        this.router = router;
        this.filter = signing.inbound();
        this.context = new EndpointContext(config.name(), transportName(), stats, signing.outbound(), signing.signs());
    }

    @Override
    public void start(EventLoopGroup group, TransportFactory transports) throws InterruptedException {
        MavlinkParser parser = new MavlinkParser();
        MavlinkFrameEncoder encoder = new MavlinkFrameEncoder();
        ServerBootstrap b = new ServerBootstrap().group(group).channel(transports.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadCounter(),
                                new MavlinkStreamDecoder(parser, stats.decoder, filter), encoder, new Handler());
                    }
                });
        channel = b.bind(config.bind(), config.port()).sync().channel();
        log.info("MAVLink TCP endpoint '{}' listening on {}", config.name(), channel.localAddress());
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public MavlinkConfig.Transport transport() {
        return MavlinkConfig.Transport.TCP;
    }

    @Override
    public InetSocketAddress localAddress() {
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    @Override
    public EndpointStats stats() {
        return stats;
    }

    @Override
    public long kernelDrops() {
        return -1;
    }

    /** Open drone connections. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    private final class ReadCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connections.incrementAndGet();
            log.info("MAVLink TCP '{}': connection from {}", config.name(), ctx.channel().remoteAddress());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connections.decrementAndGet();
            log.info("MAVLink TCP '{}': {} disconnected", config.name(), ctx.channel().remoteAddress());
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            stats.packetsIn.increment();
            ctx.fireChannelRead(msg);
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<MavlinkFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MavlinkFrame frame) {
            router.onFrame(context, frame, ctx.channel(), null, ctx.channel().remoteAddress());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.record("TCP endpoint '" + config.name() + "' connection " + ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
