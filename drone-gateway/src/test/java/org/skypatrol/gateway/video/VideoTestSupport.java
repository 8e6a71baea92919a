package org.skypatrol.gateway.video;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Helpers for the video tests: waits with a deadline, free ports, test clips and ffprobe. */
final class VideoTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIPS = Path.of(System.getProperty("java.io.tmpdir"), "skypatrol-video-test-clips");

    private VideoTestSupport() {
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes. */
    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * An H.264 test clip made by Debian's ffmpeg (testsrc, libx264, no B-frames, one slice per
     * picture, keyframe every second), cached per machine by its parameters. (With several slices,
     * GStreamer's payloader repeats SPS/PPS between the slices of an IDR picture, which FFmpeg's
     * parser then splits into two pictures.)
     */
    static synchronized Path clip(int seconds, int width, int height, int fps) throws Exception {
        Files.createDirectories(CLIPS);
        Path out = CLIPS.resolve("testsrc1_" + seconds + "s_" + width + "x" + height + "_" + fps + ".mp4");
        if (!Files.exists(out)) {
            Path tmp = CLIPS.resolve(out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp.mp4");
            x264(seconds, width, height, fps, tmp, "-tune", "zerolatency", "-g", Integer.toString(fps));
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }

    /** Encodes testsrc with Debian's ffmpeg and libx264: no B-frames, one thread (one slice per picture). */
    private static void x264(int seconds, int width, int height, int fps, Path out, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", "testsrc=size=" + width + "x" + height + ":rate=" + fps + ":duration=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-threads", "1", "-pix_fmt", "yuv420p"));
        cmd.addAll(List.of(options));
        cmd.add(out.toString());
        run(Duration.ofSeconds(60), cmd.toArray(String[]::new));
    }

    /** What ffprobe says about the first video stream of a file. */
    record Probe(String codec, int frames, double durationSeconds, int width, int height) {
    }

    /** Runs ffprobe (counting frames by decoding); throws if ffprobe fails on the file. */
    static Probe probe(Path file) throws Exception {
        String out = run(Duration.ofSeconds(30), "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,nb_read_frames,width,height:format=duration", "-of", "json",
                file.toString());
        JsonNode n = JSON.readTree(out);
        JsonNode s = n.path("streams").path(0);
        return new Probe(s.path("codec_name").asText(), s.path("nb_read_frames").asInt(-1),
                n.path("format").path("duration").asDouble(-1), s.path("width").asInt(), s.path("height").asInt());
    }

    /**
     * A raw H.264 stream (Annex B) from an encoder using intra refresh (x264 {@code intra-refresh=1}: a
     * column of intra blocks sweeps the picture every second, SPS, PPS and a recovery point SEI at the
     * start of each sweep, and a single IDR at the very start), with everything before its second sweep
     * cut off: what a receiver joining a running low-latency drone link gets, no IDR picture at all.
     */
    static synchronized Path intraRefreshJoinedLate(int seconds, int width, int height, int fps) throws Exception {
        Files.createDirectories(CLIPS);
        Path out = CLIPS.resolve("intrarefresh_" + seconds + "s_" + width + "x" + height + "_" + fps + ".h264");
        if (!Files.exists(out)) {
            Path raw = CLIPS.resolve(out.getFileName() + "." + ProcessHandle.current().pid() + ".raw.h264");
            x264(seconds, width, height, fps, raw, "-x264-params", "intra-refresh=1:keyint=" + fps, "-f", "h264");
            byte[] all = Files.readAllBytes(raw);
            int second = indexOf(all, new byte[] {0, 0, 0, 1, 0x67}, 1);     // the second SPS: the second sweep
            if (second < 0) {
                throw new IOException("no second SPS in the intra-refresh stream");
            }
            Path tmp = CLIPS.resolve(out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.write(tmp, java.util.Arrays.copyOfRange(all, second, all.length));
            Files.delete(raw);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The number of video packets (access units) in the file, as ffprobe counts them without decoding. */
    static int packets(Path file) throws Exception {
        String out = run(Duration.ofSeconds(30), "ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_packets", "-of", "json", file.toString());
        return JSON.readTree(out).path("streams").path(0).path("nb_read_packets").asInt(-1);
    }

    /** ffmpeg -v error decode of the whole file: the error lines (empty when it decodes cleanly). */
    static String decodeErrors(Path file) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-")
                .redirectErrorStream(true).start();
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return text.trim();
        } finally {
            p.destroyForcibly();
        }
    }

    static String run(Duration timeout, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        try {
            byte[] stdout = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + err);
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Starts ffmpeg publishing {@code clip} at real-time pace to our RTSP server, copying packets. */
    static Process publish(Path clip, String url, String... extraInput) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re"));
        cmd.addAll(List.of(extraInput));
        cmd.addAll(List.of("-i", clip.toString(), "-c", "copy", "-f", "rtsp", "-rtsp_transport", "tcp", url));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
