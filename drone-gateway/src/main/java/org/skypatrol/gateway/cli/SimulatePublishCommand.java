package org.skypatrol.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.skypatrol.samples.rtsp.RtspFilePublisher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code skypatrol simulate publish}: a drone (or camera) publishing its video to the gateway's RTSP
 * server, as a drone's video link or {@code ffmpeg -re -i FILE -c copy -f rtsp URL} does.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish a video file's H.264/H.265 stream over RTSP (ANNOUNCE/RECORD) at real-time pace, "
                + "as a drone does to the gateway's publish server.")
final class SimulatePublishCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VIDEO", description = "Video file (its video stream is sent as is, not re-encoded).")
    Path video;

    @Option(names = "--url", defaultValue = "rtsp://127.0.0.1:8554/drones/patrol-1",
            description = "Where to publish; rtsp://user:password@host:port/... for a server with authentication. "
                    + "Default ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--loop", description = "Start again at the end of the file (timestamps keep increasing).")
    boolean loop;

    @Option(names = "--udp", description = "RTP over UDP instead of interleaved in the RTSP TCP connection.")
    boolean udp;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: the end of"
            + " the file, or until Ctrl-C with --loop).")
    Double duration;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(video)) {
            System.err.println("skypatrol simulate publish: cannot read " + video);
            return 2;
        }
        if (!url.startsWith("rtsp://")) {
            System.err.println("skypatrol simulate publish: --url must be an rtsp:// URL, was " + url);
            return 2;
        }
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + (long) (duration * 1e9);
        RtspFilePublisher publisher = new RtspFilePublisher(video, url, loop, !udp);
        System.err.println("publishing " + video + " to " + url + (loop ? " in a loop" : "") + " (Ctrl-C to stop)");
        try {
            publisher.run(() -> System.nanoTime() < end && !Thread.currentThread().isInterrupted());
        } catch (Exception e) {
            System.err.println("skypatrol simulate publish: " + url + ": " + e.getMessage());
            return 1;
        }
        System.err.println("sent " + publisher.packets() + " video packets" + (loop ? ", " + publisher.loops()
                + " loops" : ""));
        return 0;
    }
}
