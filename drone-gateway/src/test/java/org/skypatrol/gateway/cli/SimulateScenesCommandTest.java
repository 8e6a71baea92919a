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

    /** The generator's .tlog and JSON-lines pose tracks, read by the analyze command's readers, agree. */
    @Test
    void droneClip_tlogAndJsonTelemetry_giveTheSamePoses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.skypatrol.samples.scenegen.Scenario full = ScenarioLibrary.only("emergency_lane_occupation").stream()
                .filter(org.skypatrol.samples.scenegen.Scenario::isDrone).findFirst().orElseThrow();
        org.skypatrol.samples.scenegen.Scenario s = new org.skypatrol.samples.scenegen.Scenario(full.name(),
                full.behaviour(), full.polarity(), full.description(), full.seed(), 2, full.fps(), full.layout(),
                full.rig(), full.look(), full.actors(), full.rules(), full.disabled(), java.util.List.of());
        org.skypatrol.samples.scenegen.ScenarioRenderer.render(s, dir);

        var fromTlog = TlogPoses.read(dir.resolve("telemetry.tlog"));
        var fromJson = org.skypatrol.analytics.telemetry.TelemetryPoses.fromJsonLines(dir.resolve("telemetry.jsonl"));
        java.time.Instant t = org.skypatrol.samples.scenegen.ScenarioRenderer.VIDEO_START.plusMillis(1234);
        var a = fromTlog.at(t).orElseThrow();
        var b = fromJson.at(t).orElseThrow();
        assertThat(a.position().latDeg()).isCloseTo(b.position().latDeg(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(a.position().lonDeg()).isCloseTo(b.position().lonDeg(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(a.heightAboveGroundMetres()).isCloseTo(40.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(a.pitchDeg()).isCloseTo(b.pitchDeg(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(a.rollDeg()).isCloseTo(b.rollDeg(), org.assertj.core.data.Offset.offset(0.05));
        double dyaw = ((a.yawDeg() - b.yawDeg()) % 360 + 540) % 360 - 180;
        assertThat(dyaw).isCloseTo(0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(a.horizontalFovDeg()).isCloseTo(70, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void only_unknownBehaviour_exitsWithUsageError() {
        assertThat(run(new ByteArrayOutputStream(), "--list", "--only", "jaywalking")).isEqualTo(2);
    }
}
