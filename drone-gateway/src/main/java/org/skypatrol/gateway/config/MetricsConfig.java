package org.skypatrol.gateway.config;

/**
 * The {@code metrics} section: the Prometheus scrape endpoint {@code GET /metrics} on a management
 * port of its own, without authentication, on loopback by default (see docs/metrics.md for why it is
 * not on the replay or broadcast HTTP API, and for every metric).
 *
 * @param enabled whether the endpoint runs (default true)
 * @param bind    address to listen on (default 127.0.0.1: expose it deliberately, e.g. 0.0.0.0 behind a
 *                firewall that admits only the Prometheus server)
 * @param port    TCP port (default 9464; 0 = any free port)
 */
public record MetricsConfig(boolean enabled, String bind, int port) {

    public static MetricsConfig defaults() {
        return new MetricsConfig(true, "127.0.0.1", 9464);
    }

    /** No endpoint: what a configuration built in code without a metrics section gets. */
    public static MetricsConfig off() {
        return new MetricsConfig(false, "127.0.0.1", 0);
    }

    void validate(Problems p) {
        p.check(bind != null && !bind.isBlank(), "metrics.bind", "is required (an address such as 127.0.0.1)");
        p.checkPort(port, "metrics.port");
    }
}
