package org.skypatrol.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.skypatrol.samples.scenegen.ScenarioLibrary;

import picocli.CommandLine;

/** {@code simulate scenes}: lists the library, filters by behaviour, rejects unknown behaviours. */
class SimulateScenesCommandTest {

    private static int run(ByteArrayOutputStream out, String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new SimulateScenesCommand()).execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void list_all_printsOneLinePerClip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out, "--list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(ScenarioLibrary.all().size());
    }

    @Test
    void list_only_keepsThatBehaviour() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out, "--list", "--only", "illegal_parking")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).isNotEmpty()
                .allMatch(l -> l.startsWith("illegal_parking-"));
    }

    @Test
    void only_unknownBehaviour_exitsWithUsageError() {
        assertThat(run(new ByteArrayOutputStream(), "--list", "--only", "jaywalking")).isEqualTo(2);
    }
}
