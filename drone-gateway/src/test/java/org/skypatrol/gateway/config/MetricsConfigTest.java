package org.skypatrol.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The {@code metrics} section: on by default on loopback, validated with the other sections. */
class MetricsConfigTest {

    private static final Path SAMPLE = org.skypatrol.testing.SharedData.repoRoot().resolve("samples/config/gateway.yaml");

    @Test
    void sample_metricsOnLoopback() throws Exception {
        MetricsConfig m = new ConfigLoader().load(SAMPLE, Map.of()).metrics();
        assertThat(m).isEqualTo(new MetricsConfig(true, "127.0.0.1", 9464));
        assertThat(m).isEqualTo(MetricsConfig.defaults());
    }

    @Test
    void environment_overridesPortAndBind() throws Exception {
        MetricsConfig m = new ConfigLoader().load(null, Map.of(),
                Map.of("SKYPATROL_METRICS_PORT", "9999", "SKYPATROL_METRICS_BIND", "0.0.0.0")).metrics();
        assertThat(m).isEqualTo(new MetricsConfig(true, "0.0.0.0", 9999));
    }

    @Test
    void badPortAndBlankBind_bothReported() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(null,
                Map.of("metrics.port", "70000", "metrics.bind", "\"\"")));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("metrics.port:"))
                .anySatisfy(p -> assertThat(p).startsWith("metrics.bind:"));
    }

    @Test
    void configBuiltInCode_withoutMetricsSection_hasTheEndpointOff() {
        GatewayConfig d = GatewayConfig.defaults();
        GatewayConfig copy = new GatewayConfig(d.gateway(), d.mavlink(), d.mqtt(), d.video(), d.analytics(), d.broadcast());
        assertThat(copy.metrics().enabled()).isFalse();
        assertThat(d.metrics().enabled()).isTrue();
    }
}
