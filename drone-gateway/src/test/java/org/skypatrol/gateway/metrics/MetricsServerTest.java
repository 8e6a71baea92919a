package org.skypatrol.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.config.MetricsConfig;

/**
 * The endpoint alone, around a scrape that fails. Regression: a {@code NoSuchMethodError} in a meter
 * (a stale jar) killed the scrape thread without an answer, and Prometheus waited for the read
 * timeout. Every scrape must now be answered, 500 when it failed.
 */
class MetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private int status(Supplier<String> scrape) throws Exception {
        MetricsServer server = new MetricsServer(new MetricsConfig(true, "127.0.0.1", 0), scrape);
        server.start();
        try {
            return http.send(HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } finally {
            server.close();
        }
    }

    @Test
    void scrapeThrows_answered500() throws Exception {
        assertThat(status(() -> {
            throw new IllegalStateException("a meter broke");
        })).isEqualTo(500);
    }

    @Test
    void scrapeThrowsError_stillAnswered500() throws Exception {
        assertThat(status(() -> {
            throw new NoSuchMethodError("stale jar");
        })).isEqualTo(500);
    }

    @Test
    void scrapeWorks_answered200() throws Exception {
        assertThat(status(() -> "# HELP x y\n# TYPE x gauge\nx 1\n")).isEqualTo(200);
    }
}
