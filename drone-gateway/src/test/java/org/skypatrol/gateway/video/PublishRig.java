package org.skypatrol.gateway.video;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;

/**
 * Our RTSP publish server on a free loopback port (no authentication) with recording into 2 s
 * segments under {@code data}: what the publish tests send to.
 */
final class PublishRig implements AutoCloseable {

    final RecordingStore store;
    final VideoHub hub;
    final RtspPublishServer server;

    PublishRig(Path data, EventBus events) throws Exception {
        store = RecordingStore.open(data);
        hub = new VideoHub(new VideoConfig.Recording(true, 2, 1, 0, 0), data.resolve("recordings"), store, events,
                Clock.systemUTC(), Duration.ofMillis(200));
        hub.start();
        server = new RtspPublishServer(new VideoConfig.RtspServer(true, "127.0.0.1", 0, 5, 64,
                VideoConfig.AuthMode.NONE, "", "", "skypatrol"), hub);
        server.start();
    }

    /** {@code rtsp://127.0.0.1:PORT/drones/{droneId}}. */
    String url(String droneId) {
        return "rtsp://127.0.0.1:" + server.port() + "/drones/" + droneId;
    }

    @Override
    public void close() {
        server.close();
        hub.close();
        store.close();
    }
}
