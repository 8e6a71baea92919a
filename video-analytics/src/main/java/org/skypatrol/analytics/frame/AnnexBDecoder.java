package org.skypatrol.analytics.frame;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes H.264 (ISO/IEC 14496-10) or H.265 (ISO/IEC 23008-2) access units in Annex-B form (start
 * codes, parameter sets in band before each keyframe, as an RTSP publisher's depacketizer delivers
 * them) with FFmpeg's decoder through bytedeco: {@code avcodec_send_packet} / {@code
 * avcodec_receive_frame}. No demuxer and no probing: the caller already has whole pictures and their
 * times. One thread ({@code thread_count} 1): the cost of a stream is one core's share, measurable
 * per thread, and no frame is held back by frame threading.
 *
 * <p>Pictures come out in presentation order with the time of the packet they came from; converting
 * to BGR ({@link Picture#toBgr}) is left to the caller, so pictures the analysis rate skips cost no
 * conversion. Broken input is counted, never thrown: a unit the decoder refuses or had to conceal
 * errors in (FFmpeg's error messages while decoding it, {@link FfmpegLogCounter} on this thread)
 * counts one in {@link #errors()}, and a picture flagged corrupt or with decode errors counts one and
 * is not handed over. Not thread-safe.
 */
public final class AnnexBDecoder implements AutoCloseable {

    /** The codec of the access units. */
    public enum Codec { H264, H265 }

    /** A decoded picture, valid only inside {@link Sink#picture}. */
    public interface Picture {
        int width();

        int height();

        /** A new BGR 8-bit copy of the picture (the caller owns and closes it). */
        Mat toBgr();
    }

    /** Receives each decoded picture with its time (in the units of the packets' times). */
    @FunctionalInterface
    public interface Sink {
        void picture(long time, Picture picture);
    }

    /** {@code AV_FRAME_FLAG_CORRUPT} of libavutil/frame.h (not exported by the presets). */
    private static final int FRAME_FLAG_CORRUPT = 1;

    private final Codec codec;
    private final AVCodecContext context;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final AVFrame frame = avutil.av_frame_alloc();
    private final IntPointer dstStride = new IntPointer(4);          // sws_scale reads four planes' strides
    private final PointerPointer<org.bytedeco.javacpp.BytePointer> dstData = new PointerPointer<>(4);
    private final PictureView view = new PictureView();
    private final FfmpegLogCounter log = FfmpegLogCounter.install();
    private SwsContext sws;
    private long errors;
    private long pictures;

    public AnnexBDecoder(Codec codec) throws FrameSourceException {
        this.codec = codec;
        AVCodec c = avcodec.avcodec_find_decoder(codec == Codec.H264 ? avcodec.AV_CODEC_ID_H264 : avcodec.AV_CODEC_ID_HEVC);
        if (c == null) {
            throw new FrameSourceException("this FFmpeg build has no " + codec + " decoder", null);
        }
        context = avcodec.avcodec_alloc_context3(c);
        context.thread_count(1);
        int r = avcodec.avcodec_open2(context, c, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (r < 0) {
            close();
            throw new FrameSourceException("cannot open the " + codec + " decoder: " + error(r), null);
        }
    }

    private static String error(int code) {
        byte[] buf = new byte[128];
        avutil.av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    public Codec codec() {
        return codec;
    }

    /**
     * Decodes one access unit and hands every picture it completes to {@code sink}.
     *
     * @return the number of pictures handed over
     */
    public int decode(byte[] annexB, long time, Sink sink) {
        if (avcodec.av_new_packet(packet, annexB.length) < 0) {
            errors++;
            return 0;
        }
        long logged = log.errorsOnThisThread();
        packet.data().put(annexB);
        packet.pts(time);
        packet.dts(avutil.AV_NOPTS_VALUE);              // RTP carries no decoding time (RFC 6184 §5.1)
        int r = avcodec.avcodec_send_packet(context, packet);
        avcodec.av_packet_unref(packet);
        boolean refused = r < 0 && r != avutil.AVERROR_EAGAIN();     // invalid data: the picture is lost
        // FFmpeg conceals damage it can decode around and only says so in its log (on this thread:
        // one decoding thread): such a unit counts as damaged once, whatever the number of messages
        boolean damaged = refused || log.errorsOnThisThread() > logged;
        if (damaged) {
            errors++;
        }
        return receive(sink, damaged);
    }

    /** End of a stream: hands over the pictures the decoder still holds and makes it ready for a new stream. */
    public int drain(Sink sink) {
        avcodec.avcodec_send_packet(context, null);
        int n = receive(sink, false);
        avcodec.avcodec_flush_buffers(context);
        return n;
    }

    /** @param counted an error was already counted for the unit just sent (its concealed picture is the same damage) */
    private int receive(Sink sink, boolean counted) {
        int n = 0;
        while (true) {
            int r = avcodec.avcodec_receive_frame(context, frame);
            if (r == avutil.AVERROR_EAGAIN() || r == avutil.AVERROR_EOF()) {
                return n;
            }
            if (r < 0) {
                if (!counted) {
                    errors++;
                }
                return n;
            }
            try {
                if ((frame.flags() & FRAME_FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0) {
                    if (!counted) {                     // concealed picture: not analysed as if it were whole
                        errors++;
                        counted = true;
                    }
                    continue;
                }
                long t = frame.best_effort_timestamp() != avutil.AV_NOPTS_VALUE ? frame.best_effort_timestamp() : frame.pts();
                pictures++;
                n++;
                sink.picture(t, view);
            } finally {
                avutil.av_frame_unref(frame);
            }
        }
    }

    /** Packets refused and pictures flagged broken so far. */
    public long errors() {
        return errors;
    }

    /** Pictures decoded whole so far. */
    public long pictures() {
        return pictures;
    }

    private final class PictureView implements Picture {
        @Override
        public int width() {
            return frame.width();
        }

        @Override
        public int height() {
            return frame.height();
        }

        @Override
        public Mat toBgr() {
            int w = frame.width();
            int h = frame.height();
            sws = swscale.sws_getCachedContext(sws, w, h, frame.format(), w, h, avutil.AV_PIX_FMT_BGR24,
                    swscale.SWS_BILINEAR, null, null, (DoublePointer) null);
            if (sws == null) {
                throw new IllegalStateException("no conversion from pixel format " + frame.format() + " to BGR");
            }
            Mat bgr = new Mat(h, w, opencv_core.CV_8UC3);
            dstStride.put(new int[] {(int) bgr.step(), 0, 0, 0});
            dstData.put(0, bgr.data());
            for (int i = 1; i < 4; i++) {
                dstData.put(i, (org.bytedeco.javacpp.Pointer) null);
            }
            swscale.sws_scale(sws, frame.data(), frame.linesize(), 0, h, dstData, dstStride);
            return bgr;
        }
    }

    @Override
    public void close() {
        if (sws != null) {
            swscale.sws_freeContext(sws);
            sws = null;
        }
        avcodec.av_packet_free(packet);
        avutil.av_frame_free(frame);
        if (context != null) {
            avcodec.avcodec_free_context(context);
        }
        dstStride.close();
        dstData.close();
    }
}
