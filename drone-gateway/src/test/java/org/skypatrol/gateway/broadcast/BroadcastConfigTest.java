package org.skypatrol.gateway.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.config.ConfigException;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.config.GatewayConfig;

class BroadcastConfigTest {

    @TempDir
    Path dir;

    @Test
    void sampleConfig_broadcastSection_matchesDocumentedDefaults() throws Exception {
        Path sample = org.skypatrol.testing.SharedData.repoRoot().resolve("samples/config/gateway.yaml");
        GatewayConfig config = new ConfigLoader().load(sample, Map.of());
        assertThat(config.broadcast()).isEqualTo(BroadcastConfig.defaults());
        assertThat(config.broadcast().policies()).extracting(BroadcastConfig.Policy::behaviour)
                .containsExactly("illegal_parking", "emergency_lane_occupation", "pedestrian_on_motorway",
                        "crowd_gathering");
    }

    @Test
    void load_badBroadcastValues_listsEveryProblem() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                broadcast:
                  language: fr
                  dji: {psdkIndex: 7, replyTimeoutMillis: 1000, retries: 1}
                  policies:
                    - {behaviour: illegal_parking, zone: "*", mode: sometimes, zh: 走, en: go,
                       cooldownSeconds: 1, priority: 1, volumePercent: 150, repeat: 1}
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().load(file, Map.of("broadcast.recheckGraceSeconds", "0")));
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("broadcast.language"))
                .anySatisfy(p -> assertThat(p).startsWith("broadcast.dji.psdkIndex"))
                .anySatisfy(p -> assertThat(p).startsWith("broadcast.policies[0].mode"))
                .anySatisfy(p -> assertThat(p).startsWith("broadcast.policies[0].volumePercent"))
                .anySatisfy(p -> assertThat(p).startsWith("broadcast.recheckGraceSeconds"));
    }
}
