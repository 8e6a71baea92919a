package org.skypatrol.gateway.video;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.skypatrol.gateway.HttpListener;
import org.skypatrol.gateway.HttpReplies;
import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.store.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay HTTP API (Netty), read-only:
 * <ul>
 *   <li>{@code GET /api/video/sources}: sources with recordings</li>
 *   <li>{@code GET /api/video/recordings?source=S&from=T&to=T}: segments and gaps (JSON)</li>
 *   <li>{@code GET /api/video/clip.mp4?source=S&from=T&to=T}: an MP4 clip (remuxed, cached), with
 *       {@code Range} requests (RFC 9110 §14) so a browser {@code <video>} can seek</li>
 *   <li>{@code GET /api/video/track.geojson?drone=D&from=T&to=T}: the drone's track as a GeoJSON
 *       (RFC 7946) LineString with the time of every point</li>
 * </ul>
 * Times are ISO-8601 UTC. Clip exports and database reads run on a small executor, never on the
 * event loop.
 */
public final class ReplayHttpServer implements Service {

    private static final Logger log = LoggerFactory.getLogger(ReplayHttpServer.class);
    private static final HttpListener.Limits LIMITS = new HttpListener.Limits(30, 8192, 16 * 1024);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final String bind;
    private final int port;
    private final RecordingStore store;
    private final Path clipCache;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ExecutorService work = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "video-http-work");
        t.setDaemon(true);
        return t;
    });
    private HttpListener listener;

    public ReplayHttpServer(String bind, int port, RecordingStore store, Path clipCache) {
        this.bind = bind;
        this.port = port;
        this.store = store;
        this.clipCache = clipCache;
    }

    @Override
    public void start() throws Exception {
        listener = HttpListener.bind(bind, port, LIMITS, Handler::new, 2);
        log.info("replay HTTP API on {}", listener.address());
    }

    public int port() {
        return listener.port();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
                text(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only");
                return;
            }
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String range = req.headers().get(HttpHeaderNames.RANGE);
            boolean head = req.method().equals(HttpMethod.HEAD);
            work.execute(() -> {
                try {
                    route(ctx, q, range, head);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    text(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage());
                } catch (Exception e) {
                    log.warn("replay API {} failed: {}", q.path(), e.toString());
                    text(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, e.getClass().getSimpleName());
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private void route(ChannelHandlerContext ctx, QueryStringDecoder q, String range, boolean head) throws Exception {
        switch (q.path()) {
            case "/api/video/sources" -> json(ctx, Map.of("sources", store.sources()));
            case "/api/video/recordings" -> {
                String source = param(q, "source");
                Instant from = Instant.parse(param(q, "from"));
                Instant to = Instant.parse(param(q, "to"));
                List<RecordingStore.Segment> segs = store.segments(source, from, to);
                List<Map<String, Object>> list = new ArrayList<>();
                for (RecordingStore.Segment s : segs) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("start", s.start());
                    m.put("end", s.end());
                    m.put("bytes", s.bytes());
                    m.put("sha256", s.sha256());
                    m.put("evidence", s.protectedEvidence());
                    list.add(m);
                }
                json(ctx, Map.of("source", source, "segments", list, "gaps", ClipExporter.gaps(segs, from, to)));
            }
            case "/api/video/clip.mp4" -> clip(ctx, q, range, head);
            case "/api/video/track.geojson" -> track(ctx, q);
            default -> text(ctx, HttpResponseStatus.NOT_FOUND, "no such endpoint");
        }
    }

    private void clip(ChannelHandlerContext ctx, QueryStringDecoder q, String range, boolean head) throws Exception {
        String source = param(q, "source");
        Instant from = Instant.parse(param(q, "from"));
        Instant to = Instant.parse(param(q, "to"));
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
        String key = Hashing.sha256Hex((source + "|" + from + "|" + to).getBytes(StandardCharsets.UTF_8));
        Path file = clipCache.resolve(key.substring(0, 32) + ".mp4");
        if (!Files.exists(file)) {
            List<RecordingStore.Segment> segs = store.segments(source, from, to);
            if (segs.isEmpty()) {
                text(ctx, HttpResponseStatus.NOT_FOUND, "no recording of " + source + " in that range");
                return;
            }
            Files.createDirectories(clipCache);
            ClipExporter.export(segs, from, to, file);
        }
        serveFile(ctx, file.toFile(), range, head);
    }

    /** Serves a file, whole or one byte range (RFC 9110 §14.2); 416 for an unsatisfiable range. */
    private void serveFile(ChannelHandlerContext ctx, File f, String range, boolean head) throws Exception {
        long length = f.length();
        long start = 0;
        long end = length - 1;
        HttpResponseStatus status = HttpResponseStatus.OK;
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                rangeNotSatisfiable(ctx, length);
                return;
            }
            if (m.group(1).isEmpty()) {
                start = Math.max(0, length - Long.parseLong(m.group(2)));
            } else {
                start = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    end = Math.min(end, Long.parseLong(m.group(2)));
                }
            }
            if (start > end || start >= length) {
                rangeNotSatisfiable(ctx, length);
                return;
            }
            status = HttpResponseStatus.PARTIAL_CONTENT;
        }
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "video/mp4");
        res.headers().set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        HttpUtil.setContentLength(res, end - start + 1);
        if (status == HttpResponseStatus.PARTIAL_CONTENT) {
            res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + length);
        }
        ctx.write(res);
        if (!head) {
            RandomAccessFile raf = new RandomAccessFile(f, "r");
            ctx.write(new DefaultFileRegion(raf.getChannel(), start, end - start + 1));
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private void rangeNotSatisfiable(ChannelHandlerContext ctx, long length) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
        res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + length);
        HttpUtil.setContentLength(res, 0);
        ctx.writeAndFlush(res);
    }

    private void track(ChannelHandlerContext ctx, QueryStringDecoder q) throws Exception {
        String drone = param(q, "drone");
        List<RecordingStore.TrackPoint> pts = store.track(drone, Instant.parse(param(q, "from")), Instant.parse(param(q, "to")));
        List<List<Double>> coords = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (RecordingStore.TrackPoint p : pts) {
            List<Double> c = new ArrayList<>(List.of(p.longitudeDeg(), p.latitudeDeg())); // RFC 7946 §3.1.1: lon, lat
            if (p.altitudeMslMetres() != null) {
                c.add(p.altitudeMslMetres());
            }
            coords.add(c);
            times.add(p.time());
        }
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("geometry", Map.of("type", "LineString", "coordinates", coords));
        feature.put("properties", Map.of("droneId", drone, "times", times));
        json(ctx, Map.of("type", "FeatureCollection", "features", List.of(feature)));
    }

    private static String param(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        if (v == null || v.isEmpty() || v.get(0).isBlank()) {
            throw new IllegalArgumentException("missing query parameter '" + name + "'");
        }
        return v.get(0);
    }

    private void json(ChannelHandlerContext ctx, Object body) throws Exception {
        ctx.writeAndFlush(HttpReplies.response(HttpResponseStatus.OK, "application/json",
                json.writeValueAsBytes(body), false));
    }

    private static void text(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        ctx.writeAndFlush(HttpReplies.response(status, "text/plain; charset=utf-8",
                (message + "\n").getBytes(StandardCharsets.UTF_8), false))
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
