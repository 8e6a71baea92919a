package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.CameraStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;

/**
 * FAULTS V9: the recordings file system fills up during recording (a 1 MiB tmpfs mounted by the
 * test; needs root, skipped otherwise): the segment is closed cleanly, the status says "disk
 * full", recording resumes once space is freed, and every closed segment decodes.
 */
class DiskFullTest {

    @TempDir
    Path data;

    private Path mount;
    private Process publisher;

    @AfterEach
    void stop() throws Exception {
        if (publisher != null) {
            publisher.destroyForcibly();
        }
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void diskFull_pausesWithError_resumesWhenSpaceReturns_closedSegmentsPlay() throws Exception {
        mount = data.resolve("rec");
        Files.createDirectories(mount);
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = m.waitFor(10, TimeUnit.SECONDS) && m.exitValue() == 0;
        if (!mounted) {
            mount = null;
            Assumptions.abort("cannot mount a tmpfs here (needs root)");
        }
        // leave ~40 KiB free: the first segments fit, then the disk is full
        Path filler = mount.resolve("filler");
        Files.write(filler, new byte[1024 * 1024 - 40 * 1024]);
        List<CameraStatusEvent> statuses = new CopyOnWriteArrayList<>();
        EventBus events = new EventBus();
        events.subscribe(CameraStatusEvent.class, statuses::add);
        try (RecordingStore store = RecordingStore.open(data)) {
            VideoHub hub = new VideoHub(new VideoConfig.Recording(true, 1, 1, 0, 0), mount, store, events,
                    Clock.systemUTC(), Duration.ofMillis(100));
            hub.start();
            RtspPublishServer server = new RtspPublishServer(new VideoConfig.RtspServer(true, "127.0.0.1", 0, 10, 16,
                    VideoConfig.AuthMode.NONE, "", "", "r"), hub);
            server.start();
            try {
                publisher = VideoTestSupport.publish(VideoTestSupport.clip(8, 320, 240, 25),
                        "rtsp://127.0.0.1:" + server.port() + "/drones/full");
                VideoTestSupport.await(Duration.ofSeconds(15), () -> statuses.stream()
                        .anyMatch(s -> s.error() != null && s.error().contains("disk")), "disk full status");
                Files.delete(filler);
                long closedBefore = store.segments("full", Instant.EPOCH, Instant.now().plusSeconds(60)).size();
                VideoTestSupport.await(Duration.ofSeconds(15), () -> {
                    try {
                        return store.segments("full", Instant.EPOCH, Instant.now().plusSeconds(60)).size() > closedBefore;
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, "recording resumed after space was freed");
                assertThat(publisher.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                server.close();
                hub.close();
            }
            List<RecordingStore.Segment> segs = store.segments("full", Instant.EPOCH, Instant.now().plusSeconds(60));
            assertThat(segs).hasSizeGreaterThanOrEqualTo(2);
            for (RecordingStore.Segment s : segs) {
                assertThat(VideoTestSupport.decodeErrors(s.path())).as(s.path().toString()).isEmpty();
            }
            try (Stream<Path> parts = Files.walk(mount)) {
                assertThat(parts.filter(p -> p.toString().endsWith(".part")).toList()).isEmpty();
            }
        }
    }
}
