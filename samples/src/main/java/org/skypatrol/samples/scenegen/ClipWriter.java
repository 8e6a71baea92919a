package org.skypatrol.samples.scenegen;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Writes BGR frames to an H.264 MP4 (OpenH264 inside JavaCV's FFmpeg, yuv420p so every player and
 * decoder takes it) with a {@code creation_time} so a drone clip can be aligned with its telemetry
 * (DESIGN.md, {@code analyze --telemetry}).
 */
final class ClipWriter implements AutoCloseable {

    static {
        // FFmpeg's info banner per clip drowns the library's own progress lines; errors still print
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final FFmpegFrameRecorder recorder;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

    ClipWriter(Path file, int width, int height, double fps, Instant creationTime) throws IOException {
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName("libopenh264");
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize((int) Math.round(fps * 2));
        recorder.setVideoBitrate(width * height * 8);
        recorder.setMetadata("creation_time", creationTime.toString());
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot start the H.264 recorder for " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Mat bgr) throws IOException {
        try {
            recorder.record(converter.convert(bgr));
        } catch (FrameRecorder.Exception e) {
            throw new IOException("encoding a frame failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("closing the video failed: " + e.getMessage(), e);
        } finally {
            converter.close();
        }
    }
}
