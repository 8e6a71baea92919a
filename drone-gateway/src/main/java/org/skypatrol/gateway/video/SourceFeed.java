package org.skypatrol.gateway.video;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.skypatrol.gateway.events.CameraStatusEvent;
import org.skypatrol.gateway.events.CameraStatusEvent.State;
import org.skypatrol.protocols.rtsp.AccessUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One video source inside the gateway: producers (an RTSP publish session on a Netty thread, a pull
 * supervisor's grab thread) {@link #offer} access units without ever blocking; a thread of its own
 * hands them to the {@link SegmentWriter} and to listeners (analytics). The queue is bounded: when
 * it is full the unit is dropped and counted, and the recording restarts at the next keyframe, so
 * a slow disk on one source never stalls another source or the network threads.
 */
public final class SourceFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceFeed.class);
    private static final int MAX_QUEUED_UNITS = 600;

    private sealed interface Item permits Begin, Unit, End, Gap, Attach, Stop {
    }

    private record Begin(boolean h265) implements Item {
    }

    private record Unit(AccessUnit au) implements Item {
    }

    private record End(String reason) implements Item {
    }

    private record Gap() implements Item {
    }

    private record Stop() implements Item {
    }

    private record Attach(Listener listener) implements Item {
    }

    private final String id;
    private final String droneId;
    private final SegmentWriter writer;
    private final Clock clock;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedUnits = new AtomicInteger();
    private final AtomicInteger pendingItems = new AtomicInteger();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final Thread worker;
    private volatile State state = State.CONNECTING;
    private volatile String error;
    private volatile Instant lastFrame;
    private volatile boolean recording;
    private volatile String writerError;
    private boolean gapPending;
    private Boolean streamH265;                    // feed thread: the codec of the stream in progress, null between streams
    private long framesAtLastStatus;
    private Instant lastStatusTime;

    /** @param writer the recorder, or null when recording is off */
    public SourceFeed(String id, String droneId, SegmentWriter writer, Clock clock) {
        this.id = id;
        this.droneId = droneId;
        this.writer = writer;
        this.clock = clock;
        this.lastStatusTime = clock.instant();
        this.worker = new Thread(this::run, "video-feed-" + id);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    public String id() {
        return id;
    }

    public String droneId() {
        return droneId;
    }

    /**
     * What a listener of the feed sees, in order, on the feed thread after the recorder: the streams
     * (a publisher or a pull connection each), their access units, and where units were lost. A
     * listener must not block (it runs on the thread that writes the recording) and must not keep
     * the unit's array for changing: it is shared with the recorder.
     */
    public interface Listener {
        /** A stream starts (first publisher, a new publisher taking over, a reconnect). */
        void begin(boolean h265);

        /** One access unit of the current stream. */
        void unit(AccessUnit au);

        /** Units were dropped before this point (the feed's queue was full): decoding must resume at a keyframe. */
        void gap();

        /** The stream ended (publisher gone, connection lost). */
        void end(String reason);
    }

    /**
     * Adds a listener (analytics of a published stream), on the feed thread: when a stream is in
     * progress the listener first sees its {@code begin}, then its next units.
     */
    public void addListener(Listener listener) {
        pendingItems.incrementAndGet();
        queue.add(new Attach(listener));
    }

    /** A stream (re)starts: the next unit recorded starts a new segment at a keyframe. */
    public void begin(boolean h265) {
        state = State.STREAMING;
        error = null;
        pendingItems.incrementAndGet();
        queue.add(new Begin(h265));
    }

    /** Counts a reconnect (pull) or a new publisher taking over (publish). */
    public void restarted() {
        restarts.incrementAndGet();
    }

    /** Sets the state between streams (connecting, reconnecting after an error, stopped). */
    public void setState(State newState, String reason) {
        state = newState;
        error = reason;
    }

    /**
     * For sources read faster than real time (files not paced): waits while the queue is full
     * instead of dropping, so every frame is recorded.
     */
    public void offerWaiting(AccessUnit au) throws InterruptedException {
        while (queuedUnits.get() >= MAX_QUEUED_UNITS) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        offer(au);
    }

    /** Never blocks: a unit that does not fit is dropped and counted. */
    public void offer(AccessUnit au) {
        frames.incrementAndGet();
        lastFrame = clock.instant();
        if (queuedUnits.get() >= MAX_QUEUED_UNITS) {
            drops.incrementAndGet();
            gapPending = true;
            return;
        }
        if (gapPending) {
            gapPending = false;
            pendingItems.incrementAndGet();
            queue.add(new Gap());
        }
        queuedUnits.incrementAndGet();
        pendingItems.incrementAndGet();
        queue.add(new Unit(au));
    }

    /** Counts a frame or packet dropped before it reached us (damaged, undecodable). */
    public void dropped(long n) {
        drops.addAndGet(n);
    }

    /** The stream ended: the open segment is closed (playable) and the state set. */
    public void end(State newState, String reason) {
        pendingItems.incrementAndGet(); // before the state: a reader that sees the new state sees it pending
        state = newState;
        error = reason;
        queue.add(new End(reason));
    }

    private void run() {
        try {
            while (true) {
                Item item = queue.take();
                if (item instanceof Stop) {
                    break;
                }
                try {
                    handle(item);
                } finally {
                    pendingItems.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (writer != null) {
                writer.close();
            }
            recording = false;
        }
    }

    private void handle(Item item) {
        if (item instanceof Attach a) {
            if (listeners.contains(a.listener())) {
                return;          // VideoHub.onFeed can offer a feed created during the call twice
            }
            listeners.add(a.listener());
            if (streamH265 != null) {
                try {
                    a.listener().begin(streamH265);
                } catch (RuntimeException e) {
                    log.warn("listener of {} failed", id, e);
                }
            }
            return;
        }
        if (item instanceof Begin b) {
            streamH265 = b.h265();
        } else if (item instanceof End) {
            streamH265 = null;
        }
        if (item instanceof Unit u) {
            queuedUnits.decrementAndGet();
            if (writer != null) {
                writer.write(u.au());
                recording = writer.recording();
                writerError = writer.error();
            }
        } else if (writer != null) {
            if (item instanceof Begin b) {
                writer.beginStream(b.h265());
            } else {
                writer.discontinuity(); // End or Gap: close the segment, restart at a keyframe
            }
            recording = writer.recording();
        }
        for (Listener l : listeners) {
            try {
                if (item instanceof Unit u) {
                    l.unit(u.au());
                } else if (item instanceof Begin b) {
                    l.begin(b.h265());
                } else if (item instanceof Gap) {
                    l.gap();
                } else if (item instanceof End e) {
                    l.end(e.reason());
                }
            } catch (RuntimeException e) {
                drops.incrementAndGet();
                log.warn("listener of {} failed", id, e);
            }
        }
    }

    /** A status snapshot; fps is measured since the previous call. */
    public synchronized CameraStatusEvent status() {
        Instant now = clock.instant();
        long f = frames.get();
        double seconds = Math.max(1e-3, (now.toEpochMilli() - lastStatusTime.toEpochMilli()) / 1000.0);
        double fps = state == State.STREAMING ? Math.round((f - framesAtLastStatus) / seconds * 10) / 10.0 : 0.0;
        framesAtLastStatus = f;
        lastStatusTime = now;
        String err = writerError != null ? writerError : error;
        return new CameraStatusEvent(id, state, fps, lastFrame, f, drops.get(), restarts.get(), recording, err, now);
    }

    /** True when everything offered so far has been written (tests, shutdown). */
    public boolean idle() {
        return pendingItems.get() == 0;
    }

    public long frames() {
        return frames.get();
    }

    public long drops() {
        return drops.get();
    }

    public long restarts() {
        return restarts.get();
    }

    public State state() {
        return state;
    }

    /** Whether a segment is open now (false while paused, e.g. disk full); read by the metrics. */
    public boolean recording() {
        return recording;
    }

    /** Bytes of MPEG-TS written to recordings since start (0 when recording is off); read by the metrics. */
    public long recordedBytes() {
        return writer == null ? 0 : writer.bytesWritten();
    }

    /** Stops the feed thread after it has written what is queued; closes the open segment. */
    @Override
    public void close() {
        queue.add(new Stop());
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
