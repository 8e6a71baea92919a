package org.skypatrol.gateway.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.util.concurrent.locks.LockSupport;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.skypatrol.protocols.rtsp.AccessUnit;

/**
 * One open connection to a pulled source through FFmpeg (JavaCV): {@code rtsp://} with TCP transport
 * and socket timeouts on open and read ({@code timeout}, {@code rw_timeout}, microseconds), or a
 * file, optionally paced at real time and looped. Packets are read with {@code grabPacket()} (no
 * decoding) and handed out as Annex-B {@link AccessUnit}s. One instance per thread; {@link #next()}
 * returns null at the end of the stream or when the link drops (reconnect, not done).
 */
final class PullSource implements AutoCloseable {

    private static final AVRational TIME_BASE_90K = new AVRational().num(1).den(90_000);

    private final FFmpegFrameGrabber grabber;
    private final boolean file;
    private final boolean loop;
    private final boolean realTime;
    private int videoIndex;
    private AVRational timeBase;
    private AnnexB annexB;
    private boolean h265;
    private long ptsOffset;
    private long firstPts = Long.MIN_VALUE;
    private long lastPts;
    private long lastDelta = 3000;
    private long startNanos;
    private long malformed;
    private AccessUnit pending;
    private byte[] prefix;
    private boolean prefixKey;

    PullSource(String url, boolean loop, boolean realTime, int timeoutSeconds) {
        this.grabber = new FFmpegFrameGrabber(url);
        this.file = !url.contains("://");
        this.loop = loop && file;
        this.realTime = realTime && file;
        String micros = Long.toString(timeoutSeconds * 1_000_000L);
        if (url.startsWith("rtsp://") || url.startsWith("rtsps://")) {
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", micros);
        }
        if (!file) {
            grabber.setOption("rw_timeout", micros);
        }
    }

    /** Opens the stream; throws when it cannot be opened or has no H.264/H.265 video. */
    void open() throws Exception {
        grabber.start(false);
        videoIndex = grabber.getVideoStream();
        if (videoIndex < 0) {
            throw new IllegalStateException("no video stream");
        }
        AVStream stream = grabber.getFormatContext().streams(videoIndex);
        AVCodecParameters par = stream.codecpar();
        if (par.codec_id() != AV_CODEC_ID_H264 && par.codec_id() != AV_CODEC_ID_HEVC) {
            throw new IllegalStateException("video codec " + grabber.getVideoCodecName() + " is not H.264/H.265");
        }
        h265 = par.codec_id() == AV_CODEC_ID_HEVC;
        timeBase = stream.time_base();
        byte[] extra = new byte[par.extradata_size()];
        if (extra.length > 0) {
            par.extradata().get(extra);
        }
        annexB = h265 ? AnnexB.forExtradata(null) : AnnexB.forExtradata(extra);
        startNanos = System.nanoTime();
    }

    boolean h265() {
        return h265;
    }

    /**
     * The next video access unit, or null at the end (file without loop) or when the link dropped.
     * Packets with the same timestamp are merged into one unit: FFmpeg's RTP demuxer hands out
     * in-band SPS/PPS sent by GStreamer's payloader as a packet of their own.
     */
    AccessUnit next() throws Exception {
        while (true) {
            AccessUnit au = nextPacket();
            if (pending == null) {
                pending = au;
                if (au == null) {
                    return null;
                }
                continue;
            }
            if (au != null && au.pts90k() == pending.pts90k() && au.dts90k() == pending.dts90k()) {
                pending = new AccessUnit(au.pts90k(), pending.keyframe() || au.keyframe(),
                        concat(pending.data(), au.data()), au.dts90k());
                continue;
            }
            AccessUnit out = pending;
            pending = au;
            return out;
        }
    }

    private AccessUnit nextPacket() throws Exception {
        while (true) {
            AVPacket pkt = grabber.grabPacket();
            if (pkt == null) {
                if (loop && firstPts != Long.MIN_VALUE) {
                    ptsOffset = lastPts + lastDelta;
                    firstPts = Long.MIN_VALUE;
                    grabber.setTimestamp(0L);
                    continue;
                }
                return null;
            }
            if (pkt.stream_index() != videoIndex || pkt.size() <= 0) {
                continue;
            }
            byte[] data = new byte[pkt.size()];
            pkt.data().capacity(pkt.size()).get(data);
            boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
            long ts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
            byte[] annex = annexB.convert(data, key);
            if (annex == null) {
                malformed++;
                continue;
            }
            if (ts == AV_NOPTS_VALUE) {
                // FFmpeg's RTP demuxer gives no time to what arrives before RTCP sync: a picture is
                // dropped (its time is unknown), parameter sets go with the next packet
                if (hasSlice(annex)) {
                    malformed++;
                    continue;
                }
                prefix = prefix == null ? annex : concat(prefix, annex);
                prefixKey |= key;
                continue;
            }
            if (prefix != null) {
                annex = concat(prefix, annex);
                key |= prefixKey;
                prefix = null;
                prefixKey = false;
            }
            long dtsRaw = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : ts;
            long pts90k = av_rescale_q(ts, timeBase, TIME_BASE_90K);
            long dts90k = av_rescale_q(dtsRaw, timeBase, TIME_BASE_90K);
            if (firstPts == Long.MIN_VALUE) {
                firstPts = pts90k;
                if (ptsOffset == 0) {
                    startNanos = System.nanoTime();
                }
            }
            long pts = ptsOffset + pts90k - firstPts;
            if (pts > lastPts && pts - lastPts < 90_000) {
                lastDelta = pts - lastPts;
            }
            lastPts = Math.max(lastPts, pts);
            if (realTime) {
                long due = startNanos + pts * 1_000_000_000L / 90_000;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            return new AccessUnit(pts, key, annex, Math.min(pts, ptsOffset + dts90k - firstPts));
        }
    }

    /** True when the Annex-B bytes hold a coded slice (H.264 types 1..5, H.265 types 0..31). */
    private boolean hasSlice(byte[] annex) {
        for (int i = 0; i + 3 < annex.length; i++) {
            if (annex[i] == 0 && annex[i + 1] == 0 && annex[i + 2] == 1) {
                int b = annex[i + 3] & 0xFF;
                int type = h265 ? (b >> 1) & 0x3F : b & 0x1F;
                if (h265 ? type < 32 : type >= 1 && type <= 5) {
                    return true;
                }
                i += 2;
            }
        }
        return false;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Packets that could not be converted (bad length prefixes), since open. */
    long malformed() {
        return malformed;
    }

    @Override
    public void close() throws Exception {
        grabber.close();
    }
}
