package org.skypatrol.samples.rtsp;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drone or camera that publishes its video to an RTSP server (RFC 2326 ANNOUNCE/SETUP/RECORD, as
 * {@code ffmpeg -re -i FILE -c copy -f rtsp URL} does): the video stream of a file, copied packet by
 * packet without re-encoding, paced at the file's own frame times, optionally looped with timestamps
 * that keep increasing. FFmpeg's RTSP muxer does the protocol (interleaved over TCP by default, digest
 * or basic authentication from {@code rtsp://user:password@host/...}).
 */
public final class RtspFilePublisher {

    private static final Logger log = LoggerFactory.getLogger(RtspFilePublisher.class);

    private final Path file;
    private final String url;
    private final boolean loop;
    private final boolean tcp;
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong loops = new AtomicLong();

    /**
     * @param url  e.g. {@code rtsp://127.0.0.1:8554/drones/patrol-7}
     * @param loop start again at the end of the file
     * @param tcp  RTP interleaved in the RTSP connection (RFC 2326 §10.12) instead of UDP
     */
    public RtspFilePublisher(Path file, String url, boolean loop, boolean tcp) {
        this.file = file;
        this.url = url;
        this.loop = loop;
        this.tcp = tcp;
    }

    /** Video packets sent so far. */
    public long packets() {
        return packets.get();
    }

    /** Times the file started again from its beginning. */
    public long loops() {
        return loops.get();
    }

    /**
     * Publishes until the file ends (without loop) or {@code keepGoing} turns false; the RTSP session is
     * torn down (TEARDOWN) before returning.
     *
     * @throws Exception the file cannot be read, has no video, or the server refuses the stream
     */
    public void run(BooleanSupplier keepGoing) throws Exception {
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(file.toFile())) {
            in.start(false);
            int video = in.getVideoStream();
            if (video < 0) {
                throw new IllegalArgumentException(file + " has no video stream");
            }
            AVStream stream = in.getFormatContext().streams(video);
            AVRational tb = stream.time_base();
            double secondsPerTick = (double) tb.num() / tb.den();
            FFmpegFrameRecorder out = new FFmpegFrameRecorder(url, in.getImageWidth(), in.getImageHeight(), 0);
            try {
                out.setFormat("rtsp");
                out.setOption("rtsp_transport", tcp ? "tcp" : "udp");
                out.setVideoCodec(in.getVideoCodec());
                out.setFrameRate(in.getFrameRate() > 0 ? in.getFrameRate() : 25);
                out.start(in.getFormatContext());
                log.info("publishing {} to {} ({}x{}, {})", file, url, in.getImageWidth(), in.getImageHeight(),
                        in.getVideoCodecName());
                long startNanos = System.nanoTime();
                long offset = 0;        // stream ticks added to every timestamp after a loop
                long first = Long.MIN_VALUE;
                long last = 0;
                long delta = Math.max(1, Math.round(1 / (out.getFrameRate() * secondsPerTick)));
                while (keepGoing.getAsBoolean()) {
                    AVPacket pkt = in.grabPacket();
                    if (pkt == null) {
                        if (!loop || first == Long.MIN_VALUE) {
                            break;
                        }
                        offset += last - first + delta;
                        first = Long.MIN_VALUE;
                        in.setTimestamp(0L);
                        loops.incrementAndGet();
                        continue;
                    }
                    if (pkt.stream_index() != video) {
                        continue;
                    }
                    long pts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                    long dts = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pts;
                    if (first == Long.MIN_VALUE) {
                        first = dts;
                    }
                    last = Math.max(last, pts);
                    // real-time pace: wait until this packet's time on the publishing timeline
                    long dueNanos = startNanos + (long) ((offset + dts - first) * secondsPerTick * 1e9);
                    long wait = dueNanos - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    pkt.pts(offset + pts - first);
                    pkt.dts(offset + dts - first);
                    out.recordPacket(pkt);
                    packets.incrementAndGet();
                }
                out.stop();
            } finally {
                out.release();
            }
        }
    }
}
