package org.skypatrol.gateway.video;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.skypatrol.gateway.events.CameraStatusEvent.State;
import org.skypatrol.protocols.rtsp.AccessUnit;
import org.skypatrol.protocols.rtsp.H264Depacketizer;
import org.skypatrol.protocols.rtsp.InterleavedFrame;
import org.skypatrol.protocols.rtsp.RtpPacket;
import org.skypatrol.protocols.rtsp.RtspInbound;
import org.skypatrol.protocols.rtsp.RtspRequest;
import org.skypatrol.protocols.rtsp.RtspResponse;
import org.skypatrol.protocols.rtsp.Sdp;
import org.skypatrol.protocols.rtsp.SdpException;
import org.skypatrol.protocols.rtsp.SdpParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publisher connection (RFC 2326 §10 methods OPTIONS, ANNOUNCE, SETUP, RECORD, TEARDOWN, plus
 * GET_PARAMETER/SET_PARAMETER as keep-alives). States: INIT → ANNOUNCED → (SETUP) → RECORDING.
 * Every error is answered with its status; protocol violations (malformed input, bad SDP, wrong
 * session) also close the connection. Runs on the connection's event loop and never blocks: access
 * units go to the source's {@link SourceFeed} queue.
 */
final class RtspPublishSession extends SimpleChannelInboundHandler<RtspInbound> {

    private static final Logger log = LoggerFactory.getLogger(RtspPublishSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PATH = Pattern.compile("/drones/([A-Za-z0-9_-]{1,64})(/.*)?");
    private static final Pattern INTERLEAVED = Pattern.compile("interleaved=(\\d{1,3})(?:-(\\d{1,3}))?");
    private static final String PUBLIC = "OPTIONS, ANNOUNCE, SETUP, RECORD, TEARDOWN, GET_PARAMETER, SET_PARAMETER";

    private final RtspPublishServer server;
    private final RtspAuth auth;
    private final String sessionId;
    private String droneId;
    private Sdp sdp;
    private Sdp.Media video;
    private final Map<Integer, Sdp.Media> channels = new HashMap<>();
    private int videoChannel = -1;
    private H264Depacketizer depacketizer;
    private SourceFeed feed;
    private boolean recording;
    private long lastDropped;

    RtspPublishSession(RtspPublishServer server, RtspAuth auth) {
        this.server = server;
        this.auth = auth;
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        this.sessionId = HexFormat.of().formatHex(id);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtspInbound msg) {
        if (msg instanceof RtspInbound.Malformed m) {
            server.counters().malformed.incrementAndGet();
            log.debug("malformed RTSP from {}: {}", ctx.channel().remoteAddress(), m.reason());
            reply(ctx, RtspResponse.of(m.status(), -1, "Connection", "close"), true);
        } else if (msg instanceof InterleavedFrame f) {
            onFrame(f);
        } else if (msg instanceof RtspRequest r) {
            onRequest(ctx, r);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, RtspRequest r) {
        int cseq = r.cseq().orElse(-1);
        if (cseq < 0) {
            reply(ctx, RtspResponse.of(400, -1, "Connection", "close"), true);
            return;
        }
        String session = r.headers().get("Session").map(s -> s.split(";")[0].trim()).orElse(null);
        if (session != null && !session.equals(sessionId)) {
            reply(ctx, RtspResponse.of(454, cseq, "Connection", "close"), true); // V7: another connection's session
            return;
        }
        if (!r.method().equals("OPTIONS") && !auth.accepts(r)) {
            server.counters().unauthorized.incrementAndGet();
            reply(ctx, RtspResponse.of(401, cseq, "WWW-Authenticate", auth.challenge()), false);
            return;
        }
        switch (r.method()) {
            case "OPTIONS" -> reply(ctx, RtspResponse.of(200, cseq, "Public", PUBLIC), false);
            case "ANNOUNCE" -> announce(ctx, r, cseq);
            case "SETUP" -> setup(ctx, r, cseq);
            case "RECORD" -> record(ctx, cseq);
            case "TEARDOWN" -> reply(ctx, RtspResponse.of(200, cseq, "Session", sessionId), true);
            case "GET_PARAMETER", "SET_PARAMETER" -> reply(ctx, RtspResponse.of(200, cseq, "Session", sessionId), false);
            case "DESCRIBE", "PLAY", "PAUSE" -> reply(ctx, RtspResponse.of(405, cseq, "Allow", PUBLIC), false);
            default -> reply(ctx, RtspResponse.of(501, cseq), false);
        }
    }

    private void announce(ChannelHandlerContext ctx, RtspRequest r, int cseq) {
        String id = droneIdOf(r.uri());
        if (id == null) {
            reply(ctx, RtspResponse.of(404, cseq), true);
            return;
        }
        if (!r.headers().get("Content-Type").orElse("").toLowerCase().startsWith("application/sdp")) {
            reply(ctx, RtspResponse.of(415, cseq), true);
            return;
        }
        try {
            Sdp parsed = SdpParser.parse(r.bodyText());
            Sdp.Media v = parsed.video().orElseThrow(() -> new SdpException("no video media"));
            if (!v.isH264() && !v.isH265()) {
                reply(ctx, RtspResponse.of(415, cseq), true);
                return;
            }
            List<byte[]> params = v.isH264() ? v.h264ParameterSets() : v.h265ParameterSets();
            depacketizer = new H264Depacketizer(v.isH264() ? H264Depacketizer.Codec.H264 : H264Depacketizer.Codec.H265, params);
            sdp = parsed;
            video = v;
            droneId = id;
            reply(ctx, RtspResponse.of(200, cseq), false);
        } catch (SdpException e) {
            server.counters().malformed.incrementAndGet();
            log.info("ANNOUNCE from {} with a bad SDP: {}", ctx.channel().remoteAddress(), e.getMessage());
            reply(ctx, RtspResponse.of(400, cseq, "Connection", "close"), true);
        }
    }

    private void setup(ChannelHandlerContext ctx, RtspRequest r, int cseq) {
        if (sdp == null) {
            reply(ctx, RtspResponse.of(455, cseq), false);
            return;
        }
        String transport = r.headers().get("Transport").orElse("");
        Matcher m = INTERLEAVED.matcher(transport);
        if (!transport.contains("RTP/AVP/TCP") || !m.find()) {
            reply(ctx, RtspResponse.of(461, cseq), false); // only TCP interleaved is supported
            return;
        }
        int rtp = Integer.parseInt(m.group(1));
        int rtcp = m.group(2) != null ? Integer.parseInt(m.group(2)) : rtp + 1;
        if (rtp > 255 || rtcp > 255 || channels.containsKey(rtp)) {
            reply(ctx, RtspResponse.of(461, cseq), false);
            return;
        }
        Sdp.Media media = mediaFor(r.uri());
        channels.put(rtp, media);
        channels.put(rtcp, media);
        if (media == video) {
            videoChannel = rtp;
        }
        reply(ctx, RtspResponse.of(200, cseq, "Transport",
                "RTP/AVP/TCP;unicast;interleaved=" + rtp + "-" + rtcp + ";mode=record",
                "Session", sessionId + ";timeout=60"), false);
    }

    private Sdp.Media mediaFor(String uri) {
        for (Sdp.Media media : sdp.media()) {
            if (!media.control().isEmpty() && uri.endsWith(media.control())) {
                return media;
            }
        }
        return sdp.media().size() == 1 ? sdp.media().get(0) : video;
    }

    private void record(ChannelHandlerContext ctx, int cseq) {
        if (videoChannel < 0) {
            reply(ctx, RtspResponse.of(455, cseq), false);
            return;
        }
        feed = server.hub().feed(droneId, droneId);
        server.takeOver(droneId, ctx.channel());
        if (feed.frames() > 0 || feed.restarts() > 0) {
            feed.restarted();
        }
        feed.begin(video.isH265());
        recording = true;
        server.hub().publishStatus(feed);
        log.info("drone {} publishing {} from {}", droneId, video.encoding(), ctx.channel().remoteAddress());
        reply(ctx, RtspResponse.of(200, cseq, "Session", sessionId), false);
    }

    private void onFrame(InterleavedFrame f) {
        Sdp.Media media = channels.get(f.channel());
        if (media == null || !recording) {
            server.counters().unknownChannelFrames.incrementAndGet(); // V6: not negotiated
            return;
        }
        if (f.channel() != videoChannel) {
            return; // RTCP, or a track we do not record (audio)
        }
        RtpPacket p = RtpPacket.parse(f.payload());
        if (p == null) {
            server.counters().badRtp.incrementAndGet();
            feed.dropped(1);
            return;
        }
        for (AccessUnit au : depacketizer.push(p)) {
            feed.offer(au);
        }
        long dropped = depacketizer.droppedAccessUnits();
        if (dropped > lastDropped) {
            feed.dropped(dropped - lastDropped);
            lastDropped = dropped;
        }
    }

    private static String droneIdOf(String uri) {
        try {
            String path = uri.startsWith("/") ? uri : new URI(uri).getRawPath();
            Matcher m = PATH.matcher(path == null ? "" : path);
            return m.matches() ? m.group(1) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void reply(ChannelHandlerContext ctx, RtspResponse response, boolean close) {
        if (close) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            server.counters().timedOut.incrementAndGet();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (recording && server.release(droneId, ctx.channel())) {
            feed.end(State.RECONNECTING, "publisher disconnected");
            server.hub().publishStatus(feed);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("RTSP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
