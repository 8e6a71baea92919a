package org.skypatrol.analytics.evidence;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.skypatrol.analytics.events.AlertEvent;
import org.skypatrol.analytics.pipeline.FrameResult;

/**
 * Writes the analysed frames, annotated, to a video at the analysis rate (H.264 when the FFmpeg
 * build has an encoder for it, else MPEG-4 Part 2).
 */
public final class AnnotatedVideoWriter implements AutoCloseable {

    private final Path file;
    private final double fps;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private FFmpegFrameRecorder recorder;
    private String lastCaption;
    private double lastCaptionTime = -1;

    public AnnotatedVideoWriter(Path file, double fps) {
        this.file = file;
        this.fps = fps;
    }

    public void write(FrameResult r, Mat bgr) throws FrameRecorder.Exception {
        if (recorder == null) {
            recorder = open(bgr.cols(), bgr.rows());
        }
        for (AlertEvent e : r.events()) {
            lastCaption = e.behaviour() + " " + e.phase().id() + (e.zoneId() == null ? "" : " @" + e.zoneId());
            lastCaptionTime = r.timeSeconds();
        }
        String caption = String.format(Locale.ROOT, "t=%.1fs frame %d", r.timeSeconds(), r.frame());
        if (lastCaption != null && r.timeSeconds() - lastCaptionTime < 3) {
            caption += "  " + lastCaption;
        }
        try (Mat copy = bgr.clone()) {
            List<Integer> hot = r.events().stream().flatMap(e -> e.objects().stream()).map(o -> o.trackId()).toList();
            Annotator.draw(copy, r.view(), r.tracks(), null, hot, caption);
            recorder.record(converter.convert(copy));
        }
    }

    private FFmpegFrameRecorder open(int w, int h) throws FrameRecorder.Exception {
        FrameRecorder.Exception first = null;
        for (int codec : new int[] {avcodec.AV_CODEC_ID_H264, avcodec.AV_CODEC_ID_MPEG4}) {
            FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), w, h);
            rec.setVideoCodec(codec);
            rec.setFrameRate(fps);
            rec.setVideoQuality(codec == avcodec.AV_CODEC_ID_MPEG4 ? 4 : 23);
            rec.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            try {
                rec.start();
                return rec;
            } catch (FrameRecorder.Exception e) {
                first = first == null ? e : first;
                rec.release();
            }
        }
        throw first;
    }

    @Override
    public void close() throws FrameRecorder.Exception {
        if (recorder != null) {
            recorder.stop();
            recorder.release();
        }
    }
}
