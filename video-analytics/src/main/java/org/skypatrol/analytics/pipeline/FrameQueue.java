package org.skypatrol.analytics.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.skypatrol.analytics.frame.AnalysisFrame;

/**
 * Bounded hand-over between the grab thread and the analysis thread. Live sources use
 * {@link Policy#DROP_OLDEST} (analysis never stalls ingest; every drop is counted and the dropped
 * frame's native memory freed); offline analysis uses {@link Policy#BLOCK} (every analysis-rate frame
 * is analysed).
 */
public final class FrameQueue {

    public enum Policy { DROP_OLDEST, BLOCK }

    private final int capacity;
    private final Policy policy;
    private final Deque<AnalysisFrame> frames = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final AtomicLong dropped = new AtomicLong();
    private boolean closed;

    public FrameQueue(int capacity, Policy policy) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        this.policy = policy;
    }

    /** Offers a frame; with DROP_OLDEST never blocks. Returns false if the queue is closed (frame freed). */
    public boolean put(AnalysisFrame f) throws InterruptedException {
        lock.lock();
        try {
            while (policy == Policy.BLOCK && frames.size() >= capacity && !closed) {
                notFull.await();
            }
            if (closed) {
                f.close();
                return false;
            }
            if (frames.size() >= capacity) {
                frames.pollFirst().close();
                dropped.incrementAndGet();
            }
            frames.addLast(f);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next frame, or null when closed and drained, or when the timeout passes. */
    public AnalysisFrame take(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (frames.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            AnalysisFrame f = frames.pollFirst();
            notFull.signal();
            return f;
        } finally {
            lock.unlock();
        }
    }

    /** No more frames will be put; takers drain what is left. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosedAndEmpty() {
        lock.lock();
        try {
            return closed && frames.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Frees frames left after the consumer stopped. */
    public void discardRemaining() {
        lock.lock();
        try {
            frames.forEach(AnalysisFrame::close);
            frames.clear();
        } finally {
            lock.unlock();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public int size() {
        lock.lock();
        try {
            return frames.size();
        } finally {
            lock.unlock();
        }
    }
}
