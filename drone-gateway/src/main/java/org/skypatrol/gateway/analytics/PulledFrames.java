package org.skypatrol.gateway.analytics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.frame.FrameSourceException;
import org.skypatrol.analytics.frame.SourceStats;
import org.skypatrol.analytics.pipeline.FrameQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames of a pulled source (a camera's {@code rtsp://} URL or a file) through its own
 * {@link LiveFrameSource}: opened, read into the analysis queue, and re-opened with jittered
 * exponential backoff (0.5 s … 30 s) when the stream fails or ends; a file without loop ends the run.
 */
final class PulledFrames implements LiveFrames {

    private static final Logger log = LoggerFactory.getLogger(PulledFrames.class);
    private static final Duration BACKOFF_MIN = Duration.ofMillis(500);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(30);

    private final String sourceId;
    private final String url;
    private final LiveFrameSource source;
    private final DoubleSupplier now;
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean running = true;
    private volatile String state = "starting";
    private volatile String lastError;

    /** @param now the analysis timeline now (seconds), where a (re)opened stream starts */
    PulledFrames(String sourceId, String url, LiveFrameSource source, DoubleSupplier now) {
        this.sourceId = sourceId;
        this.url = url;
        this.source = source;
        this.now = now;
    }

    @Override
    public void run(FrameQueue out) throws InterruptedException {
        Duration backoff = BACKOFF_MIN;
        while (running) {
            try {
                source.open(now.getAsDouble());
                state = "running";
                backoff = BACKOFF_MIN;
                Optional<AnalysisFrame> f;
                while (running && (f = source.next()).isPresent()) {
                    if (!out.put(f.get())) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                if (!url.contains("://")) {
                    state = "ended";                    // a file without loop: played once
                    log.info("analytics {}: end of {}", sourceId, url);
                    return;
                }
                lastError = "stream ended";
            } catch (FrameSourceException e) {
                lastError = e.getMessage();
                log.warn("analytics {}: {} (retrying in {} ms)", sourceId, e.getMessage(), backoff.toMillis());
            } finally {
                source.close();
            }
            state = "reconnecting";
            reconnects.incrementAndGet();
            // jittered backoff: many sources that fail together do not retry together
            long ms = backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
            TimeUnit.MILLISECONDS.sleep(ms);
            backoff = backoff.multipliedBy(2).compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : backoff.multipliedBy(2);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public SourceStats stats() {
        return source.stats();
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public String lastError() {
        return lastError;
    }

    @Override
    public long reconnects() {
        return reconnects.get();
    }
}
