package org.skypatrol.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.samples.drone.DroneSimulator;
import org.skypatrol.samples.drone.SimulatorOptions;

/** {@code skypatrol gateway} as its own JVM: a drone shows up in its log, SIGTERM stops it cleanly. */
class GatewayCommandProcessTest {

    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void tearDown() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void gateway_logsDroneOnline_andStopsCleanlyOnSigterm() throws Exception {
        Path log = dir.resolve("gateway.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the service's own logging (INFO), not the test configuration that is also on the class path
        Path logback = Path.of(GatewayCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("skypatrol-logback.xml");
        process = new ProcessBuilder(java, "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"),
                "org.skypatrol.gateway.cli.SkyPatrolCli", "gateway",
                "--set", "mavlink.endpoints.0.port=0", "--set", "mavlink.endpoints.0.bind=127.0.0.1",
                "--set", "mavlink.endpoints.1.port=0", "--set", "mavlink.endpoints.1.bind=127.0.0.1",
                "--set", "mqtt.enabled=false", "--set", "broadcast.enabled=false", "--set", "metrics.port=0",
                "--set", "gateway.dataDir=" + dir.resolve("var"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        Pattern listening = Pattern.compile("MAVLink UDP endpoint 'udp' listening on /127\\.0\\.0\\.1:(\\d+)");
        Await.until(Duration.ofSeconds(30), () -> listening.matcher(read(log)).find(), () -> read(log));
        Matcher m = listening.matcher(read(log));
        assertThat(m.find()).isTrue();
        int port = Integer.parseInt(m.group(1));

        try (DroneSimulator sim = new DroneSimulator(SimulatorOptions.udp(1,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port))).start()) {
            Await.until(Duration.ofSeconds(15), () -> read(log).contains("drone udp-1 is online"), () -> read(log));
        }
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as(read(log)).isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("stopping gateway gw-1"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("MAVLink counters at stop"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("Exception"));
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
