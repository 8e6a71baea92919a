package org.skypatrol.gateway.mavlink;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands in flight to drones (MAVLink command protocol, "Command Protocol" page of the MAVLink
 * guide): send, wait for COMMAND_ACK, resend with {@code confirmation} incremented after each
 * timeout, give up after the retries. COMMAND_ACK names only the command id, so commands with the
 * same id to the same drone are queued and sent one after another, never interleaved. An ack with
 * MAV_RESULT_IN_PROGRESS restarts the wait without resending.
 *
 * <p>Thread-safe; transmissions run on the caller's thread (first send) or the scheduler (retries).
 */
public final class CommandTracker {

    private static final Logger log = LoggerFactory.getLogger(CommandTracker.class);

    private record Key(String droneId, int command) {
    }

    private final class Pending {
        final Key key;
        final IntConsumer transmit;
        final CompletableFuture<CommandOutcome> future = new CompletableFuture<>();
        int attempts;
        ScheduledFuture<?> timeout;

        Pending(Key key, IntConsumer transmit) {
            this.key = key;
            this.transmit = transmit;
        }
    }

    private final ScheduledExecutorService scheduler;
    private final Duration ackTimeout;
    private final int retries;
    private final Map<Key, Pending> inFlight = new HashMap<>();
    private final Map<Key, Queue<Pending>> waiting = new HashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong unexpectedAcks = new AtomicLong();

    public CommandTracker(ScheduledExecutorService scheduler, Duration ackTimeout, int retries) {
        this.scheduler = scheduler;
        this.ackTimeout = ackTimeout;
        this.retries = retries;
    }

    /**
     * Sends a command and tracks it. {@code transmit} is called with the confirmation number (0 on
     * the first send, 1.. on retries) and must put one COMMAND_LONG/COMMAND_INT on the wire.
     */
    public CompletableFuture<CommandOutcome> send(String droneId, int command, IntConsumer transmit) {
        Pending p = new Pending(new Key(droneId, command), transmit);
        boolean sendNow;
        synchronized (this) {
            sendNow = !inFlight.containsKey(p.key);
            if (sendNow) {
                inFlight.put(p.key, p);
            } else {
                waiting.computeIfAbsent(p.key, k -> new ArrayDeque<>()).add(p);
            }
        }
        if (sendNow) {
            transmit(p);
        }
        return p.future;
    }

    /** A COMMAND_ACK from {@code droneId}; returns false when nothing was waiting for it (counted). */
    public boolean onAck(String droneId, int command, int result) {
        Key key = new Key(droneId, command);
        Pending p;
        synchronized (this) {
            p = inFlight.get(key);
            if (p == null) {
                unexpectedAcks.incrementAndGet();
                return false;
            }
            p.timeout.cancel(false);
            if (result == CommandOutcome.MAV_RESULT_IN_PROGRESS) {
                p.timeout = schedule(p);
                return true;
            }
        }
        finish(p, new CommandOutcome(CommandOutcome.Status.ACKED, result, p.attempts));
        return true;
    }

    private void transmit(Pending p) {
        int confirmation;
        synchronized (this) {
            confirmation = p.attempts++;
            p.timeout = schedule(p);
        }
        sent.incrementAndGet();
        try {
            p.transmit.accept(confirmation);
        } catch (RuntimeException e) {
            // A send that fails (channel closed) is retried like a lost frame; the timeout stays armed.
            log.warn("sending command {} to {} failed: {}", p.key.command(), p.key.droneId(), e.toString());
        }
    }

    private ScheduledFuture<?> schedule(Pending p) {
        return scheduler.schedule(() -> onTimeout(p), ackTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onTimeout(Pending p) {
        boolean retry;
        synchronized (this) {
            if (inFlight.get(p.key) != p || p.future.isDone()) {
                return;
            }
            retry = p.attempts <= retries;
        }
        if (retry) {
            retried.incrementAndGet();
            transmit(p);
        } else {
            timedOut.incrementAndGet();
            finish(p, new CommandOutcome(CommandOutcome.Status.TIMEOUT, -1, p.attempts));
        }
    }

    private void finish(Pending p, CommandOutcome outcome) {
        Pending next;
        synchronized (this) {
            if (inFlight.get(p.key) != p) {
                return;
            }
            Queue<Pending> q = waiting.get(p.key);
            next = q == null ? null : q.poll();
            if (q != null && q.isEmpty()) {
                waiting.remove(p.key);
            }
            if (next != null) {
                inFlight.put(p.key, next);
            } else {
                inFlight.remove(p.key);
            }
        }
        p.future.complete(outcome);
        if (next != null) {
            transmit(next);
        }
    }

    /** Transmissions, including retries. */
    public long sent() {
        return sent.get();
    }

    public long retried() {
        return retried.get();
    }

    public long timedOut() {
        return timedOut.get();
    }

    /** Acks for commands that were not in flight (late, duplicate or foreign). */
    public long unexpectedAcks() {
        return unexpectedAcks.get();
    }
}
