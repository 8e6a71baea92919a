package org.skypatrol.gateway.analytics;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

import org.skypatrol.gateway.video.SourceFeed;
import org.skypatrol.protocols.rtsp.AccessUnit;

/**
 * The access units of a published stream on their way from the feed thread (which writes the
 * recording) to the analysis' decode thread. Bounded, and it never blocks the feed: when the decoder
 * is behind, it drops <em>whole GOPs</em> (a keyframe and the units that depend on it), the oldest
 * first, so what the decoder receives always starts at a keyframe and decodes cleanly; a single unit
 * is never dropped alone. Limits: {@code maxGops} GOPs queued (the one being decoded included) and
 * {@code maxBytes} of units; a GOP that alone exceeds the bytes (a stream without keyframes) is dropped
 * and the queue waits for the next keyframe. Units before a stream's first keyframe, or after a gap in
 * the feed, cannot be decoded and are counted, not queued.
 *
 * <p>Streams (one per publisher, or per reconnect) are numbered; the decoder sees each unit with its
 * stream, and a marker where a stream ended, so it can drain and reset its decoder.
 */
final class GopQueue implements SourceFeed.Listener {

    /**
     * One stream: its number (1, 2, ...), codec, and its anchor on the analysis timeline: the time
     * ({@code startSeconds}) its first unit arrived and that unit's presentation time ({@code startPts},
     * 90 kHz). Until a unit arrives, the time it began and {@code Long.MIN_VALUE}. The first unit,
     * not the first decodable one, anchors it: a stream joined mid-GOP or whose first GOPs are dropped
     * keeps its frames at their true times (the drone's pose is looked up by them).
     */
    record Stream(int serial, boolean h265, double startSeconds, long startPts) {

        Stream(int serial, boolean h265, double startSeconds) {
            this(serial, h265, startSeconds, Long.MIN_VALUE);
        }
    }

    /** What the decoder takes: a unit of {@code stream}, or the end of {@code stream} when {@code unit} is null. */
    record Next(Stream stream, AccessUnit unit) {
    }

    private static final class Gop {
        final Stream stream;
        final ArrayDeque<AccessUnit> units = new ArrayDeque<>();
        final boolean endMarker;
        long bytes;
        boolean closed;

        Gop(Stream stream, boolean endMarker) {
            this.stream = stream;
            this.endMarker = endMarker;
            this.closed = endMarker;
        }
    }

    private final int maxGops;
    private final long maxBytes;
    private final DoubleSupplier now;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<Gop> gops = new ArrayDeque<>();
    private final AtomicLong droppedGops = new AtomicLong();
    private final AtomicLong droppedUnits = new AtomicLong();
    private final AtomicLong undecodableUnits = new AtomicLong();
    private final AtomicLong streams = new AtomicLong();
    private Stream current;
    private Gop open;
    private boolean waitingForKeyframe = true;
    private int queuedGops;
    private long queuedBytes;
    private boolean closed;

    /**
     * @param now the analysis timeline now (seconds), read when a stream begins
     */
    GopQueue(int maxGops, long maxBytes, DoubleSupplier now) {
        this.maxGops = maxGops;
        this.maxBytes = maxBytes;
        this.now = now;
    }

    @Override
    public void begin(boolean h265) {
        lock.lock();
        try {
            closeOpen();
            current = new Stream((int) streams.incrementAndGet(), h265, now.getAsDouble());
            waitingForKeyframe = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unit(AccessUnit au) {
        lock.lock();
        try {
            if (current != null && !closed && current.startPts() == Long.MIN_VALUE) {
                current = new Stream(current.serial(), current.h265(), now.getAsDouble(), au.pts90k());
            }
            if (current == null || closed || (waitingForKeyframe && !au.keyframe())) {
                undecodableUnits.incrementAndGet();
                return;
            }
            if (au.keyframe()) {
                closeOpen();
                open = new Gop(current, false);
                gops.add(open);
                queuedGops++;
                waitingForKeyframe = false;
                while (queuedGops > maxGops) {
                    dropOldest();
                }
            }
            open.units.add(au);
            open.bytes += au.data().length;
            queuedBytes += au.data().length;
            while (queuedBytes > maxBytes && queuedGops > 1) {
                dropOldest();
            }
            if (queuedBytes > maxBytes) {               // the open GOP alone is too big: drop it, wait for a keyframe
                dropOldest();
                waitingForKeyframe = true;
            }
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void gap() {
        lock.lock();
        try {
            closeOpen();
            waitingForKeyframe = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void end(String reason) {
        lock.lock();
        try {
            closeOpen();
            if (current != null) {
                gops.add(new Gop(current, true));
                current = null;
                available.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void closeOpen() {
        if (open != null) {
            open.closed = true;
            open = null;
            available.signalAll();
        }
    }

    /** Drops the oldest GOP still queued (or what is left of the one being decoded), counted. */
    private void dropOldest() {
        for (Iterator<Gop> it = gops.iterator(); it.hasNext(); ) {
            Gop g = it.next();
            if (g.endMarker) {
                continue;                               // stream ends stay: the decoder must see them
            }
            it.remove();
            queuedGops--;
            queuedBytes -= g.bytes;
            droppedGops.incrementAndGet();
            droppedUnits.addAndGet(g.units.size());
            if (g == open) {
                open = null;
            }
            return;
        }
    }

    /**
     * The next unit or stream end for the decoder, waiting up to {@code timeout}; null when nothing came
     * in time or the queue is closed.
     */
    Next take(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!closed) {
                Gop head = gops.peek();
                if (head != null && head.endMarker) {
                    gops.poll();
                    return new Next(head.stream, null);
                }
                if (head != null && !head.units.isEmpty()) {
                    AccessUnit au = head.units.poll();
                    head.bytes -= au.data().length;
                    queuedBytes -= au.data().length;
                    return new Next(head.stream, au);
                }
                if (head != null && head.closed) {
                    gops.poll();
                    queuedGops--;
                    continue;
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = available.awaitNanos(nanos);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the decoder and refuses further units. */
    void close() {
        lock.lock();
        try {
            closed = true;
            gops.clear();
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Whole GOPs dropped because the decoder was behind (or a GOP too big to queue). */
    long droppedGops() {
        return droppedGops.get();
    }

    /** Access units inside the dropped GOPs. */
    long droppedUnits() {
        return droppedUnits.get();
    }

    /** Units that could not be decoded: before a stream's first keyframe or after a gap in the feed. */
    long undecodableUnits() {
        return undecodableUnits.get();
    }

    /** Streams begun so far (the first publisher, then one per publisher taking over or reconnect). */
    long streams() {
        return streams.get();
    }
}
