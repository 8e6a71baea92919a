package org.skypatrol.gateway.mqtt;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a telemetry message spends its time inside the gateway, per stage, as lock-free histograms
 * (log-linear buckets, about 3 % wide, from 1 microsecond to minutes):
 * <ul>
 *   <li>{@code hold}: receive (the telemetry's {@code time}: the UDP datagram or the DJI message) to the
 *   moment the throttle lets it go: decoding, the event bus and any wait for a rate slot;</li>
 *   <li>{@code serialise}: the JSON payload;</li>
 *   <li>{@code write}: Paho's publish call to its QoS 0 completion (written to the socket by Paho's
 *   sender thread).</li>
 * </ul>
 * The broker and the subscriber are the rest of the end-to-end latency the benchmark measures. Costs a
 * few {@code nanoTime} reads and three atomic increments per message. {@link #drain()} returns the
 * figures since the previous drain.
 */
public final class TelemetryStages {

    /** One stage's percentiles over a window, in milliseconds. */
    public record Summary(long count, double p50Millis, double p99Millis, double maxMillis) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "p50 %.2f p99 %.2f max %.2f ms", p50Millis, p99Millis, maxMillis);
        }
    }

    /** All three stages over one window. */
    public record Window(Summary hold, Summary serialise, Summary write) {
    }

    private static final int SUB_BITS = 5;                // 32 buckets per power of two
    private static final int LINEAR = 1 << (SUB_BITS + 1); // 0..63 us exactly
    private static final int BUCKETS = LINEAR + (63 - SUB_BITS) * (1 << SUB_BITS);

    private final Histogram hold = new Histogram();
    private final Histogram serialise = new Histogram();
    private final Histogram write = new Histogram();

    public void hold(long micros) {
        hold.record(micros);
    }

    public void serialise(long micros) {
        serialise.record(micros);
    }

    public void write(long micros) {
        write.record(micros);
    }

    /** The three stages since the last drain; the counts restart at zero. */
    public Window drain() {
        return new Window(hold.drain(), serialise.drain(), write.drain());
    }

    static int bucket(long micros) {
        long v = Math.max(0, micros);
        if (v < LINEAR) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);             // >= SUB_BITS + 1
        int sub = (int) (v >>> (exp - SUB_BITS)) & ((1 << SUB_BITS) - 1);
        return LINEAR + (exp - SUB_BITS - 1) * (1 << SUB_BITS) + sub;
    }

    /** The lowest value of a bucket, in microseconds. */
    static long lowest(int bucket) {
        if (bucket < LINEAR) {
            return bucket;
        }
        int k = bucket - LINEAR;
        int exp = k / (1 << SUB_BITS) + SUB_BITS + 1;
        int sub = k % (1 << SUB_BITS);
        return (1L << exp) | ((long) sub << (exp - SUB_BITS));
    }

    private static final class Histogram {
        private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

        void record(long micros) {
            counts.incrementAndGet(bucket(micros));
        }

        Summary drain() {
            long[] c = new long[BUCKETS];
            long n = 0;
            int max = -1;
            for (int i = 0; i < BUCKETS; i++) {
                c[i] = counts.getAndSet(i, 0);
                n += c[i];
                if (c[i] > 0) {
                    max = i;
                }
            }
            if (n == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Summary(n, percentile(c, n, 0.50), percentile(c, n, 0.99), lowest(max) / 1000.0);
        }

        private static double percentile(long[] c, long n, double q) {
            long rank = (long) Math.ceil(q * n);
            long seen = 0;
            for (int i = 0; i < c.length; i++) {
                seen += c[i];
                if (seen >= rank) {
                    return lowest(i) / 1000.0;
                }
            }
            return Double.NaN;
        }
    }
}
