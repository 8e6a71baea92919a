package org.skypatrol.gateway.metrics;

import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.skypatrol.gateway.HttpListener;
import org.skypatrol.gateway.HttpReplies;
import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.MetricsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

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
    private static final HttpListener.Limits LIMITS = new HttpListener.Limits(10, 4096, 4096);

    private final MetricsConfig config;
    private final Supplier<String> scrape;
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-scrape");
        t.setDaemon(true);
        return t;
    });
    private HttpListener listener;

    /** @param scrape produces the whole exposition text (called on the scrape thread) */
    public MetricsServer(MetricsConfig config, Supplier<String> scrape) {
        this.config = config;
        this.scrape = scrape;
    }

    @Override
    public void start() throws Exception {
        try {
            listener = HttpListener.bind(config.bind(), config.port(), LIMITS, Handler::new, 1);
        } catch (Exception e) { // Netty rethrows the bind failure unchecked-style: test its type
            if (!(e instanceof BindException)) {
                throw e;
            }
            log.error("Prometheus metrics not served: cannot listen on {}:{} ({}); the rest of the gateway runs on",
                    config.bind(), config.port(), e.getMessage());
            return;
        }
        log.info("Prometheus metrics on {}", url());
    }

    /** False when the port could not be bound (the gateway runs on without metrics). */
    public boolean serving() {
        return listener != null;
    }

    /** The bound port (the real one when configured with port 0), or -1 when not {@link #serving()}. */
    public int port() {
        return listener == null ? -1 : listener.port();
    }

    /** {@code http://host:port/metrics} as a scraper on this machine reaches it, or null when not serving. */
    public String url() {
        return listener == null ? null : "http://" + listener.hostPort() + "/metrics";
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
        if (listener != null) {
            listener.close();
        }
        work.shutdownNow();
    }
}
