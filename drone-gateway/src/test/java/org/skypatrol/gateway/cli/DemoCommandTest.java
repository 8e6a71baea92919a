package org.skypatrol.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demo_withDuration_printsDronesOnlineWithTelemetryAndExits() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = SkyPatrolCli.newCommandLine().execute("demo", "--duration", "3", "--drones", "2",
                    "--tcp-drones", "1", "--cameras", "0", "--drone-cameras", "0", "--ephemeral-ports", "--data-dir", dir.resolve("var").toString());
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        // not a terminal: plain lines, no ANSI escapes
        assertThat(out).doesNotContain("\u001b[");
        String last = out.substring(out.lastIndexOf("SkyPatrol "));
        assertThat(last).contains("drones: 3 (3 online)");
        assertThat(last.lines().filter(l -> l.startsWith("udp-1") || l.startsWith("udp-2") || l.startsWith("tcp-3")))
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("online").contains(" 38.").contains(" 106.")
                        .contains("120.0").contains("AUTO"));
        assertThat(last).contains("mavlink-udp udp:").contains("mavlink-tcp tcp:");
        assertThat(last).containsPattern("metrics: http://127\\.0\\.0\\.1:\\d+/metrics"); // the Prometheus endpoint
    }
}
