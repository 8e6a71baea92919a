package org.skypatrol.gateway.video;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.CameraStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;

/**
 * The gateway's video sources by id: creates a {@link SourceFeed} (with its {@link SegmentWriter}
 * when recording is on) on first use, publishes each feed's {@link CameraStatusEvent} every
 * {@code statusInterval}, and lets analytics attach to every feed, present or future.
 */
public final class VideoHub implements Service {

    private final VideoConfig.Recording recording;
    private final Path recordingsRoot;
    private final RecordingStore store;
    private final EventBus events;
    private final Clock clock;
    private final Duration statusInterval;
    private final Map<String, SourceFeed> feeds = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, SourceFeed>> feedListeners =
            new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    public VideoHub(VideoConfig.Recording recording, Path recordingsRoot, RecordingStore store, EventBus events,
                    Clock clock, Duration statusInterval) {
        this.recording = recording;
        this.recordingsRoot = recordingsRoot;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.statusInterval = statusInterval;
    }

    /** The feed of {@code sourceId}, created on first use. */
    public SourceFeed feed(String sourceId, String droneId) {
        return feeds.computeIfAbsent(sourceId, id -> {
            SegmentWriter writer = recording.enabled()
                    ? new SegmentWriter(id, droneId, recordingsRoot, store, Duration.ofSeconds(recording.segmentSeconds()),
                            recording.minFreeMb() * 1024 * 1024, clock)
                    : null;
            SourceFeed feed = new SourceFeed(id, droneId, writer, clock);
            feedListeners.forEach(l -> l.accept(id, feed));
            return feed;
        });
    }

    /** Calls {@code onFeed} for every feed now and for each one created later (analytics attach here). */
    public void onFeed(BiConsumer<String, SourceFeed> onFeed) {
        feedListeners.add(onFeed);
        feeds.forEach(onFeed);
    }

    public Collection<SourceFeed> feeds() {
        return feeds.values();
    }

    /** Publishes a status for one feed now (on state changes). */
    public void publishStatus(SourceFeed feed) {
        events.publish(feed.status());
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "video-status");
            t.setDaemon(true);
            return t;
        });
        long ms = statusInterval.toMillis();
        timer.scheduleAtFixedRate(() -> feeds.values().forEach(this::publishStatus), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Publishes every status now (tests, shutdown). */
    public void publishAll(Consumer<CameraStatusEvent> sink) {
        feeds.values().forEach(f -> sink.accept(f.status()));
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        feeds.values().forEach(SourceFeed::close);
        feeds.clear();
    }
}
