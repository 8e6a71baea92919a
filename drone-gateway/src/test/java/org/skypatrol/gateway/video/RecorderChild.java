package org.skypatrol.gateway.video;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;

/** The recorder (index, hub, RTSP publish server) alone in a child JVM, for the SIGKILL test (V10). */
public final class RecorderChild {

    private RecorderChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        RecordingStore store = RecordingStore.open(data);
        VideoHub hub = new VideoHub(new VideoConfig.Recording(true, 1, 1, 0, 0), data.resolve("recordings"), store,
                new EventBus(), Clock.systemUTC(), Duration.ofSeconds(1));
        hub.start();
        RtspPublishServer server = new RtspPublishServer(new VideoConfig.RtspServer(true, "127.0.0.1", 0, 10, 16,
                VideoConfig.AuthMode.NONE, "", "", "r"), hub);
        server.start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
