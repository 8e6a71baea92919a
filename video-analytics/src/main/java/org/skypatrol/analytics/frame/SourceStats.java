package org.skypatrol.analytics.frame;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one frame source: what was decoded, skipped by the analysis rate, kept, broken. */
public final class SourceStats {

    public final AtomicLong decoded = new AtomicLong();
    public final AtomicLong skipped = new AtomicLong();
    public final AtomicLong analysed = new AtomicLong();
    public final AtomicLong decodeErrors = new AtomicLong();
    public final AtomicLong readErrors = new AtomicLong();

    @Override
    public String toString() {
        return "decoded=" + decoded + " skipped=" + skipped + " analysed=" + analysed
                + " decodeErrors=" + decodeErrors + " readErrors=" + readErrors;
    }
}
