package org.skypatrol.gateway.broadcast;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.skypatrol.gateway.HttpListener;
import org.skypatrol.gateway.HttpReplies;
import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The HTTP way in for operators' tools: {@code POST /api/drones/{droneId}/broadcast} with
 * {@code Authorization: Bearer TOKEN} and a JSON body {@code {commandId?, text | clipId, volume?,
 * repeat?, loop?, priority?, ttlSeconds?, signature?}} answers with the service's first result
 * (200 accepted, 409 rejected or failed at once); {@code GET /api/commands/{commandId}} gives the latest.
 * Later states go to MQTT {@code .../commands/result} like every other request. A missing or wrong
 * token is 401 and audited by a counter; the body is capped at 16 KiB. Off unless a token is set.
 */
public final class BroadcastHttpApi implements Service {

    private static final Logger log = LoggerFactory.getLogger(BroadcastHttpApi.class);
    private static final HttpListener.Limits LIMITS = new HttpListener.Limits(10, 4096, 16 * 1024);
    private static final Pattern BROADCAST = Pattern.compile("/api/drones/([^/]{1,64})/broadcast");
    private static final Pattern COMMAND = Pattern.compile("/api/commands/([^/]{1,64})");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private final BroadcastConfig.Http config;
    private final BroadcastService service;
    private final byte[] token;
    private final ObjectMapper json = new ObjectMapper();
    private final java.util.concurrent.atomic.AtomicLong unauthorized = new java.util.concurrent.atomic.AtomicLong();
    private HttpListener listener;

    public BroadcastHttpApi(BroadcastConfig.Http config, BroadcastService service) {
        this.config = config;
        this.service = service;
        this.token = config.token().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void start() throws Exception {
        listener = HttpListener.bind(config.bind(), config.port(), LIMITS, Handler::new, 1);
        log.info("broadcast HTTP API on {}", listener.address());
    }

    public int port() {
        return listener.port();
    }

    /** Requests refused for a missing or wrong token, since start. */
    public long unauthorized() {
        return unauthorized.get();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!authorised(req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                unauthorized.incrementAndGet();
                log.warn("broadcast API: {} {} refused from {}: missing or wrong token", req.method(), req.uri(),
                        ctx.channel().remoteAddress());
                reply(ctx, HttpResponseStatus.UNAUTHORIZED, Map.of("error", "missing or wrong bearer token"));
                return;
            }
            String path = req.uri().split("\\?", 2)[0];
            Matcher b = BROADCAST.matcher(path);
            Matcher c = COMMAND.matcher(path);
            if (b.matches() && req.method().equals(HttpMethod.POST)) {
                String body = req.content().toString(StandardCharsets.UTF_8);
                broadcast(ctx, b.group(1), body);
            } else if (c.matches() && req.method().equals(HttpMethod.GET)) {
                String id = c.group(1);
                // the service answers on its own thread: the event loop never waits for it
                java.util.concurrent.CompletableFuture.supplyAsync(() -> service.latest(id))
                        .whenComplete((latest, err) -> {
                            if (err != null) {
                                reply(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, Map.of("error", err.toString()));
                            } else if (latest.isEmpty()) {
                                reply(ctx, HttpResponseStatus.NOT_FOUND, Map.of("error", "no such command: " + id));
                            } else {
                                reply(ctx, HttpResponseStatus.OK, result(latest.get()));
                            }
                        });
            } else {
                reply(ctx, HttpResponseStatus.NOT_FOUND, Map.of("error", "no such endpoint"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("broadcast API: connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private void broadcast(ChannelHandlerContext ctx, String droneId, String body) {
        BroadcastRequest request;
        try {
            request = parse(droneId, body);
        } catch (IllegalArgumentException | java.io.IOException e) {
            reply(ctx, HttpResponseStatus.BAD_REQUEST, Map.of("error", "bad request: " + e.getMessage()));
            return;
        }
        service.submit(request).orTimeout(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answer, err) -> {
                    if (err != null) {
                        reply(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, Map.of("error", err.toString()));
                    } else {
                        boolean ok = answer.status() == org.skypatrol.protocols.mqtt.CommandResultPayload.Status.ACCEPTED;
                        reply(ctx, ok ? HttpResponseStatus.OK : HttpResponseStatus.CONFLICT, result(answer));
                    }
                });
    }

    private BroadcastRequest parse(String droneId, String body) throws java.io.IOException {
        JsonNode n = json.readTree(body.isBlank() ? "{}" : body);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        String commandId = n.hasNonNull("commandId") ? n.get("commandId").asText() : "http-" + UUID.randomUUID();
        String text = n.hasNonNull("text") ? n.get("text").asText() : null;
        Integer clipId = n.hasNonNull("clipId") ? n.get("clipId").asInt() : null;
        Duration ttl = n.hasNonNull("ttlSeconds") ? Duration.ofSeconds(n.get("ttlSeconds").asLong()) : null;
        return new BroadcastRequest(commandId, droneId, text, clipId, n.path("volume").asInt(80),
                n.path("repeat").asInt(1), n.path("loop").asBoolean(false), n.path("priority").asInt(5), ttl,
                BroadcastRequest.Source.HTTP, n.hasNonNull("signature") ? n.get("signature").asText() : null);
    }

    private static Map<String, Object> result(CommandResultEvent r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commandId", r.commandId());
        m.put("droneId", r.droneId());
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("reason", r.reason());
        return m;
    }

    private boolean authorised(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        // constant-time comparison: the token is a secret
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private void reply(ChannelHandlerContext ctx, HttpResponseStatus status, Map<String, ?> body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            bytes = "{}".getBytes(StandardCharsets.UTF_8);
        }
        FullHttpResponse res = HttpReplies.response(status, "application/json", bytes, false);
        res.headers().set(HttpHeaderNames.CONNECTION, "close"); // one request per connection, said so

        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
    }
}
