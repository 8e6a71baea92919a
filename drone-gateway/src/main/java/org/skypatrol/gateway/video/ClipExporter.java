package org.skypatrol.gateway.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.skypatrol.gateway.store.RecordingStore.Segment;

/**
 * Stitches recorded MPEG-TS segments into one MP4 clip for a time range by remuxing only (packets
 * copied, never decoded or re-encoded). The clip starts at the last keyframe at or before
 * {@code from} (so its first picture decodes) and ends before {@code to}; time between segments
 * longer than {@link #GAP_TOLERANCE} is reported as a gap and closed up in the clip's timeline.
 * The MP4 is written to a temporary name and renamed when complete.
 */
public final class ClipExporter {

    /** A hole in the recording inside the requested range. */
    public record Gap(Instant from, Instant to) {
    }

    /** The exported clip. */
    public record Clip(Path file, Instant start, Instant end, long frames, long bytes, List<Gap> gaps) {
    }

    static final Duration GAP_TOLERANCE = Duration.ofMillis(500);
    private static final int TS_TIME_BASE = 90_000;

    private ClipExporter() {
    }

    /**
     * Exports [from, to) from {@code segments} (of one source, in time order, overlapping the range).
     *
     * @throws IllegalArgumentException when no segment overlaps the range
     */
    public static Clip export(List<Segment> segments, Instant from, Instant to, Path out) throws Exception {
        List<Segment> segs = segments.stream().filter(s -> s.end().isAfter(from) && s.start().isBefore(to)).toList();
        if (segs.isEmpty()) {
            throw new IllegalArgumentException("no recording between " + from + " and " + to);
        }
        List<Gap> gaps = gaps(segs, from, to);
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        Files.createDirectories(out.toAbsolutePath().getParent());
        FFmpegFrameGrabber first = open(segs.get(0), true);
        FFmpegFrameRecorder rec = null;
        long frames = 0;
        Instant clipStart = null;
        Instant clipEnd = null;
        try {
            rec = new FFmpegFrameRecorder(tmp.toFile(), first.getImageWidth(), first.getImageHeight(), 0);
            rec.setFormat("mp4");
            rec.setVideoCodec(first.getVideoCodec());
            rec.setFrameRate(first.getFrameRate() > 0 ? first.getFrameRate() : 25);
            // the TS stream_type (0x1B) is not an MP4 tag: let the MP4 muxer choose avc1/hvc1
            first.getFormatContext().streams(first.getVideoStream()).codecpar().codec_tag(0);
            rec.start(first.getFormatContext());
            long startKeyPts = startKeyframe(segs.get(0), from);
            long clipOffset90k = 0; // where the current segment starts in the clip's timeline
            long lastDts = Long.MIN_VALUE;
            for (int i = 0; i < segs.size(); i++) {
                Segment seg = segs.get(i);
                FFmpegFrameGrabber g = i == 0 ? first : open(seg, false);
                try {
                    long segFirst = Long.MIN_VALUE;
                    long segLast = 0;
                    boolean started = i > 0;
                    AVPacket pkt;
                    while ((pkt = g.grabPacket()) != null) {
                        if (pkt.stream_index() != 0) { // our TS files hold one video stream
                            continue;
                        }
                        long pts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                        long dts = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pts;
                        if (segFirst == Long.MIN_VALUE) {
                            segFirst = dts;
                        }
                        Instant at = seg.start().plusNanos((pts - segFirst) * 1_000_000_000L / TS_TIME_BASE);
                        if (!at.isBefore(to)) {
                            break;
                        }
                        if (!started) {
                            if (pts < startKeyPts || (pkt.flags() & AV_PKT_FLAG_KEY) == 0) {
                                continue;
                            }
                            started = true;
                            clipOffset90k = -(pts - segFirst);
                            clipStart = at;
                        }
                        long outDts = clipOffset90k + (dts - segFirst);
                        long outPts = clipOffset90k + (pts - segFirst);
                        if (outDts <= lastDts) {
                            outDts = lastDts + 1;
                            outPts = Math.max(outPts, outDts);
                        }
                        lastDts = outDts;
                        segLast = Math.max(segLast, pts - segFirst);
                        pkt.pts(outPts);
                        pkt.dts(outDts);
                        rec.recordPacket(pkt);
                        frames++;
                        clipEnd = at;
                    }
                    long segDuration90k = Math.max(segLast + 1, Duration.between(seg.start(), seg.end()).toMillis() * 90);
                    clipOffset90k += segDuration90k;
                } finally {
                    if (i > 0) {
                        g.close();
                    }
                }
            }
            rec.stop();
        } finally {
            if (rec != null) {
                rec.release();
            }
            first.close();
        }
        if (frames == 0) {
            Files.deleteIfExists(tmp);
            throw new IllegalArgumentException("no frames between " + from + " and " + to);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Clip(out, clipStart, clipEnd, frames, Files.size(out), gaps);
    }

    /** The PTS of the last keyframe at or before {@code from} in the segment (its first if none). */
    private static long startKeyframe(Segment seg, Instant from) throws Exception {
        FFmpegFrameGrabber g = open(seg, false);
        try {
            long segFirst = Long.MIN_VALUE;
            long best = Long.MIN_VALUE;
            AVPacket pkt;
            while ((pkt = g.grabPacket()) != null) {
                long pts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                long dts = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pts;
                if (segFirst == Long.MIN_VALUE) {
                    segFirst = dts;
                }
                Instant at = seg.start().plusNanos((pts - segFirst) * 1_000_000_000L / TS_TIME_BASE);
                if (at.isAfter(from) && best != Long.MIN_VALUE) {
                    break;
                }
                if ((pkt.flags() & AV_PKT_FLAG_KEY) != 0) {
                    best = pts;
                }
            }
            return best == Long.MIN_VALUE ? Long.MIN_VALUE : best;
        } finally {
            g.close();
        }
    }

    /** Holes longer than {@link #GAP_TOLERANCE} in [from, to) not covered by {@code segs} (time order). */
    public static List<Gap> gaps(List<Segment> segs, Instant from, Instant to) {
        List<Gap> gaps = new ArrayList<>();
        Instant covered = from;
        for (Segment s : segs) {
            if (Duration.between(covered, s.start()).compareTo(GAP_TOLERANCE) > 0) {
                gaps.add(new Gap(covered, s.start()));
            }
            if (s.end().isAfter(covered)) {
                covered = s.end();
            }
        }
        if (Duration.between(covered, to).compareTo(GAP_TOLERANCE) > 0) {
            gaps.add(new Gap(covered, to));
        }
        return gaps;
    }

    /**
     * Opens a segment for reading packets; only the first needs {@code find_stream_info} (it decodes
     * a few pictures to learn the size and parameter sets for the MP4 header): the others share them.
     */
    private static FFmpegFrameGrabber open(Segment seg, boolean probe) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(seg.path().toFile());
        g.setFormat("mpegts");
        g.start(probe);
        return g;
    }
}
