package org.skypatrol.gateway.mavlink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames lost between one drone and the gateway, from the MAVLink sequence numbers: each sending
 * component numbers its frames 0..255 and wraps (serialization spec, "Packet sequence"), so a jump
 * from {@code last} to {@code seq} means {@code (seq - last - 1) mod 256} frames went missing. A
 * repeated number (a duplicate) counts as no loss. One tracker per drone; components tracked apart.
 */
public final class SequenceTracker {

    /** Last sequence per component id, -1 until seen. Guarded by this. */
    private final int[] last = new int[256];
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    public SequenceTracker() {
        java.util.Arrays.fill(last, -1);
    }

    /** Records one frame; returns the frames missing right before it. */
    public int onFrame(int componentId, int sequence) {
        int gap;
        synchronized (this) {
            int prev = last[componentId & 0xFF];
            last[componentId & 0xFF] = sequence & 0xFF;
            gap = prev < 0 || prev == (sequence & 0xFF) ? 0 : (sequence - prev - 1) & 0xFF;
        }
        received.incrementAndGet();
        if (gap > 0) {
            lost.addAndGet(gap);
        }
        return gap;
    }

    /** Frames missing according to the sequence numbers. */
    public long lost() {
        return lost.get();
    }

    public long received() {
        return received.get();
    }
}
