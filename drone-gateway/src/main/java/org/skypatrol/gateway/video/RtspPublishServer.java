package org.skypatrol.gateway.video;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.protocols.rtsp.RtspLimits;
import org.skypatrol.protocols.rtsp.RtspResponseEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP publish server (RFC 2326): drones push H.264/H.265 to
 * {@code rtsp://host:port/drones/{droneId}} with ANNOUNCE/SETUP/RECORD, RTP interleaved over TCP.
 * Each connection runs a {@link RtspPublishSession}. Limits: request sizes ({@link RtspLimits}),
 * connection count, and a deadline for complete messages: the idle handler sits after the decoder,
 * so a client that trickles bytes without ever completing a request is closed like an idle one (V8).
 */
public final class RtspPublishServer implements Service {

    private static final Logger log = LoggerFactory.getLogger(RtspPublishServer.class);

    /** Counters of the server, for metrics and tests. */
    public static final class Counters {
        final AtomicLong connections = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        final AtomicLong unauthorized = new AtomicLong();
        final AtomicLong timedOut = new AtomicLong();
        final AtomicLong unknownChannelFrames = new AtomicLong();
        final AtomicLong badRtp = new AtomicLong();
        final AtomicInteger open = new AtomicInteger();

        public long connections() { return connections.get(); }
        public long refused() { return refused.get(); }
        public long malformed() { return malformed.get(); }
        public long unauthorized() { return unauthorized.get(); }
        public long timedOut() { return timedOut.get(); }
        public long unknownChannelFrames() { return unknownChannelFrames.get(); }
        public long badRtp() { return badRtp.get(); }
        public int open() { return open.get(); }
    }

    private final VideoConfig.RtspServer config;
    private final VideoHub hub;
    private final Counters counters = new Counters();
    private final Map<String, Channel> publishers = new ConcurrentHashMap<>();
    private final RtspResponseEncoder encoder = new RtspResponseEncoder();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel server;

    public RtspPublishServer(VideoConfig.RtspServer config, VideoHub hub) {
        this.config = config;
        this.hub = hub;
    }

    @Override
    public void start() throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        counters.connections.incrementAndGet();
                        if (counters.open.incrementAndGet() > config.maxConnections()) {
                            counters.refused.incrementAndGet();
                            counters.open.decrementAndGet();
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> counters.open.decrementAndGet());
                        ch.pipeline()
                                .addLast(new org.skypatrol.protocols.rtsp.RtspStreamDecoder(RtspLimits.DEFAULT))
                                .addLast(new IdleStateHandler(config.readTimeoutSeconds(), 0, 0, TimeUnit.SECONDS))
                                .addLast(encoder)
                                .addLast(new RtspPublishSession(RtspPublishServer.this,
                                        new RtspAuth(config.auth(), config.username(), config.password(), config.realm())));
                    }
                });
        server = b.bind(config.bind(), config.port()).sync().channel();
        log.info("RTSP publish server listening on {}", server.localAddress());
    }

    /** The bound port (after {@link #start()}; useful with port 0). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public Counters counters() {
        return counters;
    }

    VideoHub hub() {
        return hub;
    }

    /** Registers {@code ch} as the publisher of {@code droneId}; an earlier one is closed (last publisher wins). */
    void takeOver(String droneId, Channel ch) {
        Channel old = publishers.put(droneId, ch);
        if (old != null && old != ch) {
            log.info("new publisher for drone {} from {} replaces {}", droneId, ch.remoteAddress(), old.remoteAddress());
            old.close();
        }
    }

    /** True when {@code ch} was still the publisher of {@code droneId} (and is now removed). */
    boolean release(String droneId, Channel ch) {
        return publishers.remove(droneId, ch);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
