package org.skypatrol.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void load_noFile_givesDefaults() throws Exception {
        GatewayConfig config = new ConfigLoader().load(null, Map.of());
        assertThat(config).isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void load_sampleConfig_isValid() throws Exception {
        Path sample = org.skypatrol.testing.SharedData.repoRoot().resolve("samples/config/gateway.yaml");
        GatewayConfig config = new ConfigLoader().load(sample, Map.of());
        assertThat(config.gateway().id()).isEqualTo("gw-1");
    }

    @Test
    void load_fileThenEnvThenSet_laterWins() throws Exception {
        Path file = write("gateway:\n  id: from-file\n  httpPort: 9000\n");
        GatewayConfig config = new ConfigLoader().load(file,
                Map.of("gateway.httpPort", "9100", "mavlink.endpoints.0.port", "14600"),
                Map.of("SKYPATROL_GATEWAY_ID", "from-env", "SKYPATROL_GATEWAY_HTTPPORT", "9050", "HOME", "/x",
                        "SKYPATROL_LOG_LEVEL", "DEBUG", "SKYPATROL_JAVA_OPTS", "-Xmx1g"));
        assertThat(config.gateway().id()).isEqualTo("from-env");
        assertThat(config.gateway().httpPort()).isEqualTo(9100);
        assertThat(config.mavlink().endpoints().get(0).port()).isEqualTo(14600);
        assertThat(config.mavlink().endpoints().get(1).port()).isEqualTo(5760);
    }

    @Test
    void load_manyProblems_listsEveryOne() throws Exception {
        Path file = write("""
                gateway:
                  id: "bad id!"
                  colour: blue
                mavlink:
                  endpoints:
                    - {name: a, transport: UDP, bind: 0.0.0.0, port: 70000, speed: 3}
                nosuchsection: 1
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().load(file, Map.of("gateway.nothing.deeper", "1")));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("gateway.colour: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith("mavlink.endpoints[0].speed: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith("nosuchsection: unknown key"))
                .anySatisfy(p -> assertThat(p).contains("gateway.nothing"));
        assertThat(e.getMessage()).contains("problems");
    }

    @Test
    void load_invalidValues_listsEveryValidationProblem() throws Exception {
        Path file = write("gateway:\n  id: \"bad id!\"\n  httpPort: 70000\n");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().load(file, Map.of()));
        assertThat(e.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("gateway.id:"))
                .anySatisfy(p -> assertThat(p).startsWith("gateway.httpPort:"));
    }

    @Test
    void load_wrongType_reportsPath() throws Exception {
        Path file = write("gateway:\n  httpPort: lots\n");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().load(file, Map.of()));
        assertThat(e.problems()).singleElement().asString().startsWith("gateway.httpPort");
    }

    @Test
    void load_brokenYaml_reportsLine() throws Exception {
        Path file = write("gateway:\n  id: [unclosed\n");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().load(file, Map.of()));
        assertThat(e.problems()).singleElement().asString().contains("not valid YAML").contains("line");
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
