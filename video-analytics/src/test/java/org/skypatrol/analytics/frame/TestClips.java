package org.skypatrol.analytics.frame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small clips made by the real ffmpeg for the tests. */
public final class TestClips {

    private TestClips() {
    }

    /**
     * A gray 320x240 background with a white 12x30 px box moving right at {@code pxPerSecond} from
     * x=20, its feet at y=180, for {@code seconds} at 25 fps, H.264.
     */
    public static Path movingBox(Path dir, double seconds, double pxPerSecond) throws IOException, InterruptedException {
        Path out = dir.resolve("moving-box.mp4");
        run(List.of("ffmpeg", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "color=c=0x606060:s=320x240:r=25:d=" + seconds,
                "-f", "lavfi", "-i", "color=c=white:s=12x30:r=25:d=" + seconds,
                "-filter_complex", "[0][1]overlay=x='20+t*" + pxPerSecond + "':y=150,noise=alls=4:allf=t",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", out.toString()));
        return out;
    }

    static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("ffmpeg timed out: " + cmd);
            }
            String out = new String(p.getInputStream().readAllBytes());
            if (p.exitValue() != 0) {
                throw new IOException("ffmpeg failed (" + p.exitValue() + "): " + out);
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
