package org.skypatrol.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.protocols.mavlink.GlobalPositionInt;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkFrameWriter;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkSignature;
import org.skypatrol.protocols.mavlink.MavlinkSigning;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.MavlinkVersion;
import org.skypatrol.testing.SharedData;

/** {@code skypatrol mavlink dump} on the real captures and on a signed file. */
class MavlinkDumpCommandTest {

    private record Run(int exit, List<JsonNode> lines, String err) {
    }

    private static Run dump(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = SkyPatrolCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 2];
        all[0] = "mavlink";
        all[1] = "dump";
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = cli.execute(all);
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(mapper.readTree(line));
            }
        }
        return new Run(exit, lines, err.toString());
    }

    @Test
    void dump_mixedV1V2Capture_printsEveryFrameAsJsonAndSummary() throws Exception {
        Run run = dump(SharedData.file("mavlink/captures/GH-5.bin").toString());
        assertThat(run.exit()).isZero();
        // 26 v1 + 110 v2 frames node-mavlink knows, plus PROTOCOL_VERSION and LINK_NODE_STATUS it lacks
        assertThat(run.lines()).hasSize(138);
        assertThat(run.lines().stream().filter(l -> l.get("version").asInt() == 1)).hasSize(26);
        JsonNode heartbeat = run.lines().stream().filter(l -> l.get("name").asText().equals("HEARTBEAT")).findFirst().orElseThrow();
        assertThat(heartbeat.get("msgid").asInt()).isZero();
        assertThat(heartbeat.get("fields").get("mavlink_version").asInt()).isEqualTo(3);
        assertThat(heartbeat.get("signed").asBoolean()).isFalse();
        assertThat(run.err()).contains("raw stream").contains("ok=138").doesNotContain("bad_crc");
    }

    @Test
    void dump_tlog_autodetectedWithTimes() throws Exception {
        Run run = dump(SharedData.file("mavlink/captures/vtol.tlog").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.lines()).hasSize(23894);
        assertThat(run.lines().get(0).get("time").asText()).matches("20\\d\\d-.*Z");
        assertThat(run.err()).contains("tlog");
    }

    @Test
    void dump_withKey_reportsBadSignatures(@TempDir Path dir) throws Exception {
        MavlinkSigningKey key = MavlinkSigningKey.fromPassphrase("dump test");
        MavlinkFrame plain = MavlinkMessages.toFrame(MavlinkVersion.V2, 1, 9, 1,
                new GlobalPositionInt(1, 384_600_000, 1_062_300_000, 1_100_000, 50_000, 0, 0, 0, 0));
        MavlinkFrame good = MavlinkSigning.sign(plain, key, 2, 1_000_000);
        MavlinkFrame forged = new MavlinkFrame(good.version(), good.incompatFlags(), good.compatFlags(), good.sequence(),
                good.systemId(), good.componentId(), good.messageId(), good.payload(), good.checksum(),
                new MavlinkSignature(2, 1_000_001, good.signature().signature()), true);
        Path file = dir.resolve("signed.bin");
        Files.write(file, concat(MavlinkFrameWriter.toBytes(good), MavlinkFrameWriter.toBytes(forged)));
        Run run = dump(file.toString(), "--key", "dump test");
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0).get("signature").asText()).isEqualTo("ok");
        assertThat(run.lines().get(1).get("signature").asText()).isEqualTo("bad");
        assertThat(run.lines().get(0).get("fields").get("lat").asInt()).isEqualTo(384_600_000);
        assertThat(run.err()).contains("bad_signature=1").contains("ok=1");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
