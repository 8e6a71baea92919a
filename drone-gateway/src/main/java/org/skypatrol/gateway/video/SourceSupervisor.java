package org.skypatrol.gateway.video;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.CameraStatusEvent.State;
import org.skypatrol.protocols.rtsp.AccessUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one pulled source running (MediaMTX-style: one lifecycle object per source): opens it on its
 * own thread, feeds its access units to the {@link SourceFeed}, and when the stream drops or cannot
 * be opened reconnects after a jittered backoff of {@code minBackoff} doubling to {@code maxBackoff}
 * (1 → 30 s by default). Every open and read has a socket timeout, so a dead camera is noticed within
 * {@code timeoutSeconds} (V1). A file without {@code loop} ends in state STOPPED.
 */
public final class SourceSupervisor implements Service {

    private static final Logger log = LoggerFactory.getLogger(SourceSupervisor.class);

    private final VideoConfig.Source source;
    private final VideoHub hub;
    private final Backoff backoff;
    private final CountDownLatch stop = new CountDownLatch(1);
    private SourceFeed feed;
    private Thread thread;
    private volatile boolean running;

    public SourceSupervisor(VideoConfig.Source source, VideoHub hub, Duration minBackoff, Duration maxBackoff) {
        this.source = source;
        this.hub = hub;
        this.backoff = new Backoff(minBackoff, maxBackoff, new Random());
    }

    @Override
    public void start() {
        feed = hub.feed(source.id(), source.droneId());
        running = true;
        thread = new Thread(this::run, "video-pull-" + source.id());
        thread.setDaemon(true);
        thread.start();
    }

    public SourceFeed feed() {
        return feed;
    }

    private void run() {
        boolean first = true;
        while (running) {
            if (!first) {
                feed.restarted();
            }
            first = false;
            feed.setState(State.CONNECTING, null);
            boolean ended = pullOnce();
            if (ended || !running) {
                break;
            }
            Duration delay = backoff.nextDelay();
            try {
                if (stop.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** One connection; returns true when the source is finished for good (a file without loop). */
    private boolean pullOnce() {
        try (PullSource src = new PullSource(source.url(), source.loop(), source.realTime(), source.timeoutSeconds())) {
            src.open();
            feed.begin(src.h265());
            hub.publishStatus(feed);
            long frames = 0;
            AccessUnit au;
            boolean unpacedFile = !source.url().contains("://") && !source.realTime();
            while (running && (au = src.next()) != null) {
                if (unpacedFile) {
                    feed.offerWaiting(au);
                } else {
                    feed.offer(au);
                }
                if (++frames == 1) {
                    backoff.reset();
                }
            }
            feed.dropped(src.malformed());
            boolean fileDone = !source.url().contains("://") && !source.loop();
            feed.end(fileDone || !running ? State.STOPPED : State.RECONNECTING,
                    fileDone ? "end of file" : running ? "stream ended or timed out" : null);
            hub.publishStatus(feed);
            return fileDone;
        } catch (Exception e) {
            log.warn("video source {} failed: {}", source.id(), e.getMessage());
            feed.end(running ? State.RECONNECTING : State.STOPPED, e.getMessage());
            hub.publishStatus(feed);
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        stop.countDown();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(source.timeoutSeconds() + 5L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
