package org.skypatrol.gateway.mqtt;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the {@link DurableOutbox} in order, at least once: one thread publishes pending messages
 * oldest first at QoS 1 within the in-flight window; after every (re)connect everything not yet
 * complete is published again (the broker may have lost it, FAULTS.md Q1/Q2). A message is complete on
 * PUBACK, or, when acks are required, only when the command centre acknowledges its id on the ack topic;
 * an unacknowledged message is re-published after the ack timeout. A full in-flight window makes the
 * sender wait (back-pressure, counted), never drop (FAULTS.md Q6).
 */
public final class OutboxSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration REFUSED_RETRY = Duration.ofSeconds(5);

    private final DurableOutbox outbox;
    private final MqttLink link;
    private final MqttMetrics metrics;
    private final InstantSource clock;
    private final boolean ackRequired;
    private final long ackTimeoutMillis;
    private final int window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Map<Long, Sent> sent = new HashMap<>();
    private final Thread thread;
    private int epoch;
    private int inflight;
    private volatile boolean running = true;

    /** What the sender knows of one published message. */
    private record Sent(int epoch, long atMillis, boolean pubacked, long retryAtMillis) {
    }

    public OutboxSender(DurableOutbox outbox, MqttLink link, MqttMetrics metrics, InstantSource clock,
                        boolean ackRequired, Duration ackTimeout, int window) {
        this.outbox = outbox;
        this.link = link;
        this.metrics = metrics;
        this.clock = clock;
        this.ackRequired = ackRequired;
        this.ackTimeoutMillis = ackTimeout.toMillis();
        this.window = window;
        this.thread = new Thread(this::run, "outbox-sender");
        this.thread.setDaemon(true);
        link.onConnected(this::connected);
    }

    public void start() {
        thread.start();
    }

    /** New message stored: send it when its turn comes. */
    public void poke() {
        signal();
    }

    /** The command centre acknowledged these message ids (ack topic). */
    public void acknowledged(Collection<String> messageIds) {
        List<Long> seqs = new ArrayList<>();
        for (String id : messageIds) {
            long s = outbox.seqOf(id);
            if (s > 0) {
                seqs.add(s);
            }
        }
        lock.lock();
        try {
            completeQuietly(seqs);
            seqs.forEach(sent::remove);
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void connected() {
        lock.lock();
        try {
            epoch = link.connectionEpoch();
            inflight = 0;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            lock.lock();
            try {
                sendDue();
                wake.await(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox sender pass failed", e);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Publishes what is due, oldest first; called with the lock held. */
    private void sendDue() {
        if (!link.isConnected() || link.connectionEpoch() != epoch) {
            return; // wait for the connect actions (epoch bump) so nothing is sent twice needlessly
        }
        long now = clock.millis();
        for (DurableOutbox.Entry e : outbox.pending()) {
            Sent s = sent.get(e.seq());
            boolean due = s == null
                    || (s.epoch() != epoch && now >= s.retryAtMillis())
                    || (s.pubacked() && now - s.atMillis() >= ackTimeoutMillis);
            if (!due) {
                continue;
            }
            if (inflight >= window) {
                metrics.inc(MqttMetrics.OUTBOX_BACKPRESSURE_WAITS);
                return;
            }
            if (s != null) {
                metrics.inc(MqttMetrics.OUTBOX_REPUBLISHED);
            }
            int myEpoch = epoch;
            inflight++;
            sent.put(e.seq(), new Sent(myEpoch, now, false, 0));
            link.publish(e.topic(), e.payload(), 1, false).whenComplete((ok, err) -> done(e.seq(), myEpoch, err));
        }
    }

    private void done(long seq, int sentEpoch, Throwable err) {
        lock.lock();
        try {
            if (sentEpoch == epoch) {
                inflight = Math.max(0, inflight - 1);
            }
            Sent s = sent.get(seq);
            if (s == null) {
                return; // acknowledged meanwhile
            }
            if (err == null) {
                if (ackRequired) {
                    sent.put(seq, new Sent(s.epoch(), s.atMillis(), true, 0));
                } else {
                    // complete on disk before forgetting it, so the sender never sees it as new again
                    metrics.inc(MqttMetrics.OUTBOX_DELIVERED);
                    completeQuietly(List.of(seq));
                    sent.remove(seq);
                }
            } else if (err instanceof MqttLink.PublishRefusedException || err instanceof MqttLink.InflightFullException) {
                // keep it (never drop an alert); retry later, in order, after the alarm
                sent.put(seq, new Sent(-1, s.atMillis(), false, clock.millis() + REFUSED_RETRY.toMillis()));
            } else {
                sent.put(seq, new Sent(-1, s.atMillis(), false, 0));
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void completeQuietly(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        try {
            outbox.complete(seqs);
            if (ackRequired) {
                metrics.add(MqttMetrics.OUTBOX_DELIVERED, seqs.size());
            }
        } catch (IOException e) {
            // the messages stay pending on disk and are delivered again after a restart: at least once
            log.error("outbox: cannot persist completion of {} message(s): {}", seqs.size(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
