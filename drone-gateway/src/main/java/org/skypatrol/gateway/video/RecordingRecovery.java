package org.skypatrol.gateway.video;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.skypatrol.gateway.store.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair after a crash (kill -9, power loss): a {@code .ts.part} segment that was open is
 * cut to whole 188-byte TS packets, renamed to {@code .ts} and indexed (end = its file time); a
 * {@code .ts} that was renamed but not yet indexed is indexed. So the footage up to the crash stays
 * replayable (V10).
 */
public final class RecordingRecovery {

    private static final Logger log = LoggerFactory.getLogger(RecordingRecovery.class);
    private static final Pattern NAME = Pattern.compile("(.+)_(\\d{8}T\\d{6}\\.\\d{3}Z)(?:_\\d+)?\\.ts(\\.part)?");
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private RecordingRecovery() {
    }

    /** Repairs and indexes what a crash left under {@code root}; returns how many segments were recovered. */
    public static int recover(Path root, RecordingStore store) throws IOException, SQLException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .sorted().toList();
        }
        int recovered = 0;
        for (Path f : files) {
            Matcher m = NAME.matcher(f.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            Path done = f;
            if (m.group(3) != null) {
                long size = Files.size(f);
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(size - size % TsMuxer.PACKET);
                }
                if (Files.size(f) == 0) {
                    Files.delete(f);
                    continue;
                }
                done = f.resolveSibling(f.getFileName().toString().replace(".ts.part", ".ts"));
                Files.move(f, done, StandardCopyOption.ATOMIC_MOVE);
            } else if (store.hasPath(done)) {
                continue;
            }
            Instant start = Instant.from(NAME_TIME.parse(m.group(2)));
            Instant end = Files.getLastModifiedTime(done).toInstant();
            if (!end.isAfter(start)) {
                end = start.plusMillis(1);
            }
            store.addSegment(new RecordingStore.Segment(0, m.group(1), start, end, done, Files.size(done),
                    Hashing.sha256(done), null, false));
            recovered++;
            log.info("recovered segment {} after an unclean stop", done);
        }
        return recovered;
    }
}
