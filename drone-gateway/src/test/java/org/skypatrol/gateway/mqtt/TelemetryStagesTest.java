package org.skypatrol.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.Socket;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

class TelemetryStagesTest {

    /** Every bucket's lowest value maps back to that bucket, and buckets are at most ~3 % wide. */
    @Test
    void bucket_roundTripsAndStaysNarrow() {
        for (long v : new long[] {0, 1, 63, 64, 65, 127, 128, 1000, 12_345, 999_999, 86_400_000_000L}) {
            int b = TelemetryStages.bucket(v);
            assertThat(TelemetryStages.lowest(b)).isLessThanOrEqualTo(v);
            assertThat(TelemetryStages.bucket(TelemetryStages.lowest(b))).isEqualTo(b);
            assertThat(TelemetryStages.lowest(b + 1)).isGreaterThan(v);
            assertThat((double) TelemetryStages.lowest(b + 1) - TelemetryStages.lowest(b)).isLessThanOrEqualTo(Math.max(1, v * 0.032));
        }
    }

    /** 1..1000 ms recorded once each: p50 near 500 ms, p99 near 990 ms; a drain starts a fresh window. */
    @Test
    void drain_percentilesOfKnownValues_thenEmpty() {
        TelemetryStages s = new TelemetryStages();
        for (int ms = 1; ms <= 1000; ms++) {
            s.hold(ms * 1000L);
            s.write(ms % 2 == 0 ? 100 : 200); // 0.1 and 0.2 ms
        }
        TelemetryStages.Window w = s.drain();
        assertThat(w.hold().count()).isEqualTo(1000);
        assertThat(w.hold().p50Millis()).isCloseTo(500, within(16.0));
        assertThat(w.hold().p99Millis()).isCloseTo(990, within(32.0));
        assertThat(w.hold().maxMillis()).isCloseTo(1000, within(32.0));
        assertThat(w.write().p50Millis()).isCloseTo(0.1, within(0.004));
        assertThat(w.write().p99Millis()).isCloseTo(0.2, within(0.007));
        assertThat(w.serialise().count()).isZero();
        assertThat(s.drain().hold().count()).isZero();
    }

    /** Paho never sets TCP_NODELAY itself; the factories the link hands it do, plain and TLS. */
    @Test
    void noDelaySockets_plainAndTls_haveNagleOff() throws Exception {
        try (Socket plain = NoDelaySockets.plain().createSocket()) {
            assertThat(plain.getTcpNoDelay()).isTrue();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        try (Socket tls = NoDelaySockets.tls(ctx.getSocketFactory()).createSocket()) {
            assertThat(tls.getTcpNoDelay()).isTrue();
        }
    }
}
