package org.skypatrol.gateway.video;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.gateway.store.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The video part of the gateway, built from the {@code video} section: the recordings index, crash
 * recovery, the {@link VideoHub} of sources, the RTSP publish server, one {@link SourceSupervisor}
 * per pulled source, retention, the drone track, evidence on alert end and the replay HTTP API.
 * Analytics attach to decoded-to-be access units through {@link #hub()}.
 */
public final class VideoModule implements Service {

    private static final Logger log = LoggerFactory.getLogger(VideoModule.class);

    private final GatewayConfig config;
    private final VideoConfig video;
    private final RecordingStore store;
    private final Path recordingsRoot;
    private final VideoHub hub;
    private final TrackRecorder track;
    private final RetentionService retention;
    private final EvidenceExporter evidence;
    private final List<Service> parts = new ArrayList<>();
    private final List<Service> started = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "video-housekeeping");
        t.setDaemon(true);
        return t;
    });
    private final java.util.Map<String, SourceSupervisor> discovered = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;
    private RtspPublishServer rtsp;
    private ReplayHttpServer http;

    public VideoModule(GatewayConfig config, Clock clock, EventBus events) {
        this.config = config;
        this.video = config.video();
        Path data = config.gateway().dataPath();
        this.recordingsRoot = data.resolve("recordings");
        try {
            this.store = RecordingStore.open(data);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the recordings index under " + data + ": " + e.getMessage(), e);
        }
        this.hub = new VideoHub(video.recording(), recordingsRoot, store, events, clock, Duration.ofSeconds(5));
        this.track = new TrackRecorder(store);
        this.retention = new RetentionService(video.recording(), store, clock);
        this.evidence = new EvidenceExporter(store, data.resolve("evidence"), config.gateway().id(),
                Duration.ofSeconds(video.evidence().preRollSeconds()), Duration.ofSeconds(video.evidence().postRollSeconds()),
                clock);
        events.subscribe(TelemetryEvent.class, track::onTelemetry);
        events.subscribe(AlertEvent.class, e -> evidence.onAlert(e, scheduler, Duration.ofMinutes(2)));
        parts.add(hub);
        if (video.rtspServer().enabled()) {
            rtsp = new RtspPublishServer(video.rtspServer(), hub);
            parts.add(rtsp);
        }
        for (VideoConfig.Source s : video.sources()) {
            parts.add(new SourceSupervisor(s, hub, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        }
        if (video.httpApi()) {
            http = new ReplayHttpServer("0.0.0.0", config.gateway().httpPort(), store, data.resolve("cache").resolve("clips"));
            parts.add(http);
        }
    }

    @Override
    public void start() throws Exception {
        int recovered = RecordingRecovery.recover(recordingsRoot, store);
        if (recovered > 0) {
            log.info("{} segment(s) recovered after an unclean stop", recovered);
        }
        for (Service s : parts) {
            try {
                s.start();
            } catch (java.net.BindException e) {
                // a taken RTSP/HTTP port must not take telemetry, alerts and broadcasts down with it
                log.error("{} not started: {} (port in use?); the rest of the gateway runs on",
                        s.getClass().getSimpleName(), e.getMessage());
                s.close();
                if (s == rtsp) {
                    rtsp = null;
                } else if (s == http) {
                    http = null;
                }
                continue;
            }
            started.add(s);
        }
        scheduler.scheduleWithFixedDelay(track::flush, 1, 1, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::retain, 10, 60, TimeUnit.SECONDS);
    }

    private void retain() {
        try {
            int n = retention.runOnce();
            if (n > 0) {
                log.info("retention deleted {} segment(s)", n);
            }
        } catch (SQLException e) {
            log.warn("retention pass failed: {}", e.toString());
        }
    }

    /**
     * Pulls {@code url} as source {@code id} at run time (tied to drone {@code droneId}), replacing a
     * source added earlier by this method under the same id. Runs on the housekeeping thread, since
     * stopping the old supervisor may wait for its read timeout; safe to call from an event loop.
     */
    public void replaceSource(String id, String url, String droneId) {
        VideoConfig.Source source = new VideoConfig.Source(id, url, false, false, droneId, 5);
        scheduler.execute(() -> {
            if (closed) {
                return;
            }
            SourceSupervisor old = discovered.remove(id);
            if (old != null) {
                old.close();
            }
            SourceSupervisor sup = new SourceSupervisor(source, hub, Duration.ofSeconds(1), Duration.ofSeconds(30));
            sup.start();
            discovered.put(id, sup);
            log.info("video source {} now pulls {}", id, url);
        });
    }

    /** Sources and their feeds (analytics attach with {@link VideoHub#onFeed}). */
    public VideoHub hub() {
        return hub;
    }

    public RecordingStore store() {
        return store;
    }

    public EvidenceExporter evidence() {
        return evidence;
    }

    /** The RTSP publish server, or null when disabled. */
    public RtspPublishServer rtsp() {
        return rtsp;
    }

    /** The replay HTTP API, or null when disabled. */
    public ReplayHttpServer http() {
        return http;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        discovered.values().forEach(SourceSupervisor::close);
        discovered.clear();
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
        track.flush();
        store.close();
    }
}
