package org.skypatrol.gateway.broadcast;

import java.util.concurrent.atomic.AtomicLong;

import org.skypatrol.protocols.mqtt.CommandResultPayload.Status;

/** Counters of the broadcast service (exported as metrics; asserted on by tests). */
public final class BroadcastCounters {

    final AtomicLong accepted = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failedAtOnce = new AtomicLong();
    final AtomicLong unauthorised = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong preempted = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong timedOut = new AtomicLong();
    final AtomicLong internalErrors = new AtomicLong();

    AtomicLong refused(Status s) {
        return s == Status.REJECTED ? rejected : failedAtOnce;
    }

    AtomicLong finished(Status s) {
        return switch (s) {
            case DONE -> done;
            case TIMEOUT -> timedOut;
            case FAILED -> failed;
            default -> new AtomicLong();   // REJECTED is counted by refused()
        };
    }

    public long accepted() { return accepted.get(); }
    public long duplicates() { return duplicates.get(); }
    public long rejected() { return rejected.get(); }
    public long failedAtOnce() { return failedAtOnce.get(); }
    public long unauthorised() { return unauthorised.get(); }
    public long rateLimited() { return rateLimited.get(); }
    public long preempted() { return preempted.get(); }
    public long expired() { return expired.get(); }
    public long done() { return done.get(); }
    public long failed() { return failed.get(); }
    public long timedOut() { return timedOut.get(); }
    public long internalErrors() { return internalErrors.get(); }
}
