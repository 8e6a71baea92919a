package org.skypatrol.gateway.metrics;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.skypatrol.gateway.HttpReplies;
import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.MetricsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * The management HTTP endpoint: {@code GET /metrics} answers the Prometheus text exposition format
 * (version 0.0.4). No authentication, so it listens on loopback unless configured otherwise; it is
 * a port of its own rather than a path of the replay or broadcast API, so it runs whatever features
 * are on and can be firewalled apart (docs/metrics.md). Scrapes run on a thread of their own: some
 * readings take a monitor (the outbox) or read {@code /proc}, and the event loop never waits.
 *
 * <p>A taken port does not stop the gateway: telemetry, alerts and broadcasts matter more than their
 * metrics. It is logged as an error and {@link #serving()} is false; Prometheus sees the target down.
 */
public final class MetricsServer implements Service {

    /** The Prometheus text format (exposition format 0.0.4). */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final MetricsConfig config;
    private final Supplier<String> scrape;
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-scrape");
        t.setDaemon(true);
        return t;
    });
    private EventLoopGroup group;
    private Channel server;

    /** @param scrape produces the whole exposition text (called on the scrape thread) */
    public MetricsServer(MetricsConfig config, Supplier<String> scrape) {
        this.config = config;
        this.scrape = scrape;
    }

    @Override
    public void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new ReadTimeoutHandler(10), new HttpServerCodec(4096, 8192, 8192),
                                    new HttpObjectAggregator(4096), new Handler());
                        }
                    }).bind(config.bind(), config.port()).sync().channel();
        } catch (Exception e) { // Netty rethrows the bind failure unchecked-style: test its type
            if (!(e instanceof BindException)) {
                throw e;
            }
            log.error("Prometheus metrics not served: cannot listen on {}:{} ({}); the rest of the gateway runs on",
                    config.bind(), config.port(), e.getMessage());
            return;
        }
        log.info("Prometheus metrics on http://{}/metrics", hostPort());
    }

    /** False when the port could not be bound (the gateway runs on without metrics). */
    public boolean serving() {
        return server != null;
    }

    /** The bound port (the real one when configured with port 0), or -1 when not {@link #serving()}. */
    public int port() {
        return server == null ? -1 : ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code http://host:port/metrics} as a scraper on this machine reaches it, or null when not serving. */
    public String url() {
        return server == null ? null : "http://" + hostPort() + "/metrics";
    }

    private String hostPort() {
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean head = req.method().equals(HttpMethod.HEAD);
            if (!req.method().equals(HttpMethod.GET) && !head) {
                reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "GET only\n", false);
                return;
            }
            String path = new QueryStringDecoder(req.uri()).path();
            if (!path.equals("/metrics")) {
                reply(ctx, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "metrics are at /metrics\n", head);
                return;
            }
            try {
                work.execute(() -> {
                    String text = null;
                    try {
                        text = scrape.get();
                    } catch (RuntimeException e) {
                        log.warn("metrics scrape failed: {}", e.toString());
                    } finally {
                        // always an answer, even when an Error passes through (it is not caught here)
                        if (text != null) {
                            reply(ctx, HttpResponseStatus.OK, CONTENT_TYPE, text, head);
                        } else {
                            reply(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                                    "scrape failed (see the gateway log)\n", head);
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                reply(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", "stopping\n", head);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("metrics: connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String type, String body,
                              boolean head) {
        ctx.writeAndFlush(HttpReplies.response(status, type, body.getBytes(StandardCharsets.UTF_8), head))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        work.shutdownNow();
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
