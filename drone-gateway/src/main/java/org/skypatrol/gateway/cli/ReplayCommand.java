package org.skypatrol.gateway.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.skypatrol.gateway.config.ConfigException;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.store.RecordingStore;
import org.skypatrol.gateway.video.ClipExporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code skypatrol replay list|export}: recordings by source and time, clips stitched by remuxing. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "List recordings and export clips.",
        subcommands = {ReplayCommand.ListRecordings.class, ReplayCommand.Export.class})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Gateway configuration (its gateway.dataDir holds the recordings).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key, e.g. --set gateway.dataDir=/srv/var.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Override
    public Integer call() {
        System.err.println("skypatrol replay: choose 'list' or 'export' (see --help)");
        return 2;
    }

    Path dataDir() throws ConfigException {
        return new ConfigLoader().load(config, sets, System.getenv()).gateway().dataPath();
    }

    /** Options shared by list and export. */
    abstract static class Range {
        @ParentCommand
        ReplayCommand parent;

        @Option(names = "--source", required = true, description = "Source id (camera id, or drone id for published streams).")
        String source;

        @Option(names = "--from", required = true, description = "Start, ISO-8601 UTC (e.g. 2026-05-01T10:00:00Z).")
        Instant from;

        @Option(names = "--to", required = true, description = "End, ISO-8601 UTC.")
        Instant to;

        boolean badRange() {
            if (!to.isAfter(from)) {
                System.err.println("skypatrol replay: --to must be after --from");
                return true;
            }
            return false;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List recorded segments and gaps in a time range.")
    static final class ListRecordings extends Range implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            if (badRange()) {
                return 2;
            }
            try (RecordingStore store = RecordingStore.open(parent.dataDir())) {
                List<RecordingStore.Segment> segs = store.segments(source, from, to);
                for (RecordingStore.Segment s : segs) {
                    System.out.printf("%s  %s  %6.1fs  %10d B  %s%s  %s%n", s.start(), s.end(),
                            Duration.between(s.start(), s.end()).toMillis() / 1000.0, s.bytes(),
                            s.sha256().substring(0, 12), s.protectedEvidence() ? "  [evidence]" : "", s.path());
                }
                for (ClipExporter.Gap g : ClipExporter.gaps(segs, from, to)) {
                    System.out.printf("gap  %s  %s  %.1fs%n", g.from(), g.to(), Duration.between(g.from(), g.to()).toMillis() / 1000.0);
                }
                System.err.printf("%d segment(s) of %s between %s and %s%n", segs.size(), source, from, to);
                return segs.isEmpty() ? 1 : 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export an MP4 clip (remux only, no re-encoding).")
    static final class Export extends Range implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Output MP4 file.")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (badRange()) {
                return 2;
            }
            try (RecordingStore store = RecordingStore.open(parent.dataDir())) {
                List<RecordingStore.Segment> segs = store.segments(source, from, to);
                if (segs.isEmpty()) {
                    System.err.printf("skypatrol replay: no recording of %s between %s and %s%n", source, from, to);
                    return 1;
                }
                ClipExporter.Clip clip = ClipExporter.export(segs, from, to, out);
                for (ClipExporter.Gap g : clip.gaps()) {
                    System.err.printf("gap in the recording: %s .. %s (%.1fs)%n", g.from(), g.to(),
                            Duration.between(g.from(), g.to()).toMillis() / 1000.0);
                }
                System.out.printf("%s: %d frames, %s .. %s, %d bytes, %d gap(s)%n", clip.file(), clip.frames(),
                        clip.start(), clip.end(), clip.bytes(), clip.gaps().size());
                return 0;
            }
        }
    }
}
