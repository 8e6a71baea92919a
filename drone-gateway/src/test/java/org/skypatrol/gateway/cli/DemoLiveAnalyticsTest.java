package org.skypatrol.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.analytics.LiveClips;

/** {@code skypatrol demo} with its camera: alerts fire on the sample scene and show in the console. */
class DemoLiveAnalyticsTest {

    @TempDir
    Path dir;

    @Test
    void demo_withCamera_reportsAlertsInTheConsole() throws Exception {
        Path data = dir.resolve("var");
        LiveClips.installForDemo(data);       // the short test clip, so the demo does not render the long one
        int mqttPort;
        try (ServerSocket s = new ServerSocket(0)) {
            mqttPort = s.getLocalPort();
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = SkyPatrolCli.newCommandLine().execute("demo", "--duration", "7", "--drones", "1",
                    "--tcp-drones", "0", "--drone-cameras", "0", "--ephemeral-ports", "--data-dir", data.toString(),
                    "--set", "mqtt.embedded.port=" + mqttPort, "--set", "video.rtspServer.enabled=false",
                    "--set", "gateway.httpPort=0");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        String last = out.substring(out.lastIndexOf("SkyPatrol "));
        Matcher m = Pattern.compile("analytics demo-cam: \\w+, decoded (\\d+), analysed (\\d+), .*alert phases (\\d+)")
                .matcher(last);
        assertThat(m.find()).as(last).isTrue();
        assertThat(Long.parseLong(m.group(2))).as(last).isPositive();
        assertThat(Long.parseLong(m.group(3))).as(last).isPositive();
        assertThat(last).containsPattern("AlertEvent=[1-9]");
    }
}
