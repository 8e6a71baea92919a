package org.skypatrol.samples.drone;

import java.util.concurrent.atomic.AtomicLong;

/** What a simulated drone did: frames put on the wire, dropped on purpose, corrupted, commands answered. */
public final class DroneStats {
    /** Frames handed to the socket (corrupted ones included, dropped ones not). */
    public final AtomicLong framesSent = new AtomicLong();
    /** Frames the simulated packet loss swallowed (their sequence numbers are skipped). */
    public final AtomicLong framesDropped = new AtomicLong();
    /** Frames sent with one bit flipped. */
    public final AtomicLong framesCorrupted = new AtomicLong();
    /** Frames received from the gateway. */
    public final AtomicLong framesReceived = new AtomicLong();
    public final AtomicLong commandsAnswered = new AtomicLong();
}
