package org.skypatrol.gateway.video;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.store.RecordingStore;
import org.skypatrol.gateway.store.RecordingStore.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes recordings by age ({@code retentionHours}) and by size per source
 * ({@code quotaMbPerSource}, oldest first). Segments locked as evidence are never deleted.
 */
public final class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final VideoConfig.Recording config;
    private final RecordingStore store;
    private final Clock clock;
    private long deleted;

    public RetentionService(VideoConfig.Recording config, RecordingStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
    }

    /** One retention pass; returns how many segments it deleted. */
    public synchronized int runOnce() throws SQLException {
        int n = 0;
        for (Segment s : store.unprotectedEndingBefore(clock.instant().minus(Duration.ofHours(config.retentionHours())))) {
            n += delete(s) ? 1 : 0;
        }
        long quota = config.quotaMbPerSource() * 1024 * 1024;
        if (quota > 0) {
            for (String source : store.sources()) {
                List<Segment> segs = store.segments(source);
                long total = segs.stream().mapToLong(Segment::bytes).sum();
                for (Segment s : segs) {
                    if (total <= quota) {
                        break;
                    }
                    if (!s.protectedEvidence() && delete(s)) {
                        total -= s.bytes();
                        n++;
                    }
                }
            }
        }
        deleted += n;
        return n;
    }

    private boolean delete(Segment s) throws SQLException {
        try {
            Files.deleteIfExists(s.path());
            store.deleteSegment(s.id());
            return true;
        } catch (IOException e) {
            log.warn("retention could not delete {}: {}", s.path(), e.toString());
            return false;
        }
    }

    public synchronized long deleted() {
        return deleted;
    }
}
