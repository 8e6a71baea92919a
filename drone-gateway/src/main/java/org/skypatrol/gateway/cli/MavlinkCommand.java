package org.skypatrol.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.skypatrol.protocols.mavlink.MavlinkFieldsJson;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkParser;
import org.skypatrol.protocols.mavlink.MavlinkSigning;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.MavlinkTlog;
import org.skypatrol.protocols.mavlink.MessageTable;
import org.skypatrol.protocols.mavlink.ParseResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code skypatrol mavlink}: MAVLink tools: dump a capture or .tlog to JSON lines. */
@Command(name = "mavlink", mixinStandardHelpOptions = true,
        description = "MAVLink tools: dump a capture or .tlog to JSON lines.",
        subcommands = MavlinkCommand.Dump.class)
final class MavlinkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * {@code skypatrol mavlink dump FILE}: one JSON object per frame on stdout (sysid, compid, seq,
     * msgid, name, fields, signed, plus time for .tlog records), a summary by outcome on stderr.
     */
    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = {"Decode a MAVLink capture (raw v1/v2 stream or .tlog, auto-detected) to JSON lines.",
                "A summary of frames by outcome (ok, unknown id, bad signature, bad CRC, ...) goes to stderr."})
    static final class Dump implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "Raw MAVLink stream or .tlog file.")
        Path file;

        @Option(names = "--key", paramLabel = "KEY",
                description = "Signing key to verify signatures: 64 hex digits, or a passphrase (SHA-256 of it).")
        String key;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
                description = "auto, tlog or raw (default: ${DEFAULT-VALUE}).")
        String format;

        @Spec
        CommandSpec spec;

        private final ObjectMapper mapper = new ObjectMapper();
        private final Map<String, Long> outcomes = new TreeMap<>();

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("mavlink dump: no such file: " + file);
                return 2;
            }
            MavlinkSigningKey signingKey = key == null ? null : MavlinkSigningKey.parse(key);
            ByteBuf data = Unpooled.wrappedBuffer(Files.readAllBytes(file));
            MavlinkParser parser = new MavlinkParser();
            PrintWriter out = spec.commandLine().getOut();
            boolean tlog = switch (format) {
                case "tlog" -> true;
                case "raw" -> false;
                default -> MavlinkTlog.looksLikeTlog(data);
            };
            if (tlog) {
                MavlinkTlog.read(parser, data, e -> print(out, e.frame(), e.timestampMicros(), signingKey), this::skipped);
            } else {
                boolean aligned = true;
                while (data.isReadable()) {
                    ParseResult r = parser.tryParse(data, true, aligned);
                    aligned = r instanceof ParseResult.Parsed;
                    if (r instanceof ParseResult.Parsed p) {
                        print(out, p.frame(), -1, signingKey);
                    } else if (r instanceof ParseResult.Skipped s) {
                        skipped(s);
                    }
                }
            }
            out.flush();
            spec.commandLine().getErr().println("mavlink dump: " + file.getFileName() + " (" + (tlog ? "tlog" : "raw stream")
                    + ") " + summary());
            return 0;
        }

        private void print(PrintWriter out, MavlinkFrame frame, long timestampMicros, MavlinkSigningKey signingKey) {
            ObjectNode line = mapper.createObjectNode();
            if (timestampMicros >= 0) {
                line.put("time", Instant.EPOCH.plusNanos(timestampMicros * 1000).toString());
            }
            line.put("version", frame.version() == org.skypatrol.protocols.mavlink.MavlinkVersion.V2 ? 2 : 1);
            line.put("sysid", frame.systemId());
            line.put("compid", frame.componentId());
            line.put("seq", frame.sequence());
            line.put("msgid", frame.messageId());
            line.put("name", MavlinkMessages.name(frame.messageId()));
            line.set("fields", MavlinkFieldsJson.fields(frame, MessageTable.standard()));
            line.put("signed", frame.signed());
            String outcome = frame.verified() ? "ok" : "unknown_id";
            if (frame.signed()) {
                line.put("linkId", frame.signature().linkId());
                line.put("signatureTimestamp", frame.signature().timestamp());
                if (signingKey != null) {
                    boolean good = MavlinkSigning.verify(frame, signingKey);
                    line.put("signature", good ? "ok" : "bad");
                    if (!good) {
                        outcome = "bad_signature";
                    }
                }
            }
            count(outcome, 1);
            try {
                out.println(mapper.writeValueAsString(line));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void skipped(ParseResult.Skipped s) {
            count(s.reason().name().toLowerCase(java.util.Locale.ROOT) + (s.reason().name().equals("JUNK") ? "_bytes" : ""),
                    s.reason().name().equals("JUNK") ? s.bytes() : 1);
        }

        private void count(String outcome, long n) {
            outcomes.merge(outcome, n, Long::sum);
        }

        private String summary() {
            StringBuilder sb = new StringBuilder();
            outcomes.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            return sb.length() == 0 ? "empty" : sb.toString();
        }
    }
}
