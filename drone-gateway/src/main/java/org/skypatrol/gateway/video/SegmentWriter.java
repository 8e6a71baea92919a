package org.skypatrol.gateway.video;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.skypatrol.gateway.store.RecordingStore;
import org.skypatrol.protocols.rtsp.AccessUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one source's access units into MPEG-TS segments without re-encoding:
 * {@code <root>/{source}/{yyyy-MM-dd}/{source}_{startUTC}.ts} ({@code _{n}} before {@code .ts} for a second
 * segment starting in the same millisecond). A segment starts at a keyframe and
 * ends at the first keyframe after {@code segmentLength}; while open it is named {@code .ts.part}.
 * On close it is flushed, fsynced, renamed and indexed with its SHA-256, so after a kill -9 every
 * {@code .ts} file is complete and the {@code .part} one is cut at most at its last write
 * ({@link RecordingRecovery} indexes it on the next start).
 *
 * <p>Times (V11): a segment's end is its start plus its media duration; a segment that continues a
 * stream starts exactly where the previous one ended unless the wall clock is more than 2 s away, and
 * a start never goes before the previous end, so names and index times are monotonic across clock
 * steps. Disk full (V9): a write error or free space below {@code minFreeBytes} closes the segment
 * (cut back to its last whole access unit), pauses recording with an error, and resumes at the next keyframe
 * once space is back (checked at most once a second).
 *
 * <p>Not thread-safe: called from the source's feed thread only.
 */
public final class SegmentWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SegmentWriter.class);
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final long MAX_CONTIGUOUS_SKEW_MS = 2000;

    private final String source;
    private final String droneId;
    private final Path root;
    private final RecordingStore store;
    private final long segment90k;
    private final long minFreeBytes;
    private final Clock clock;

    private boolean h265;
    private Open open;
    private Instant previousEnd;
    private String error;
    private Instant lastSpaceCheck = Instant.EPOCH;
    private long segmentsClosed;
    private long writeErrors;
    /** Written by the feed thread only, read by the metrics thread: volatile, no lock. */
    private volatile long bytesWritten;

    /** The segment being written. */
    private static final class Open {
        final Path part;
        final Path done;
        final Instant start;
        final OutputStream file;
        final MessageDigest sha;
        final TsMuxer mux;
        final long firstPts;
        long lastPts;
        long lastDelta = 3000;
        long bytes;
        long flushedBytes; // bytes of whole access units handed to the OS
        boolean first = true;

        Open(Path part, Path done, Instant start, OutputStream file, MessageDigest sha, boolean h265, long firstPts) {
            this.part = part;
            this.done = done;
            this.start = start;
            this.file = file;
            this.sha = sha;
            this.mux = new TsMuxer(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    file.write(b, off, len);
                    sha.update(b, off, len);
                    bytes += len;
                }
            }, h265);
            this.firstPts = firstPts;
            this.lastPts = firstPts;
        }

        Instant end() {
            return start.plusMillis((lastPts - firstPts + lastDelta) / 90);
        }
    }

    public SegmentWriter(String source, String droneId, Path root, RecordingStore store, Duration segmentLength,
                         long minFreeBytes, Clock clock) {
        this.source = source;
        this.droneId = droneId;
        this.root = root;
        this.store = store;
        this.segment90k = segmentLength.toMillis() * 90;
        this.minFreeBytes = minFreeBytes;
        this.clock = clock;
    }

    /** A new stream begins (codec may change); the open segment is closed. */
    public void beginStream(boolean isH265) {
        closeSegment();
        this.h265 = isH265;
    }

    /** Frames were lost before this point: the next segment must start at a keyframe. */
    public void discontinuity() {
        closeSegment();
    }

    /** Writes one access unit; returns false when it was not recorded (waiting for a keyframe, paused). */
    public boolean write(AccessUnit au) {
        if (open != null && au.keyframe() && au.pts90k() - open.firstPts >= segment90k) {
            closeSegment();
        }
        if (open == null) {
            if (!au.keyframe() || !spaceAvailable()) {
                return false;
            }
            if (!openSegment(au.pts90k())) {
                return false;
            }
        }
        try {
            long delta = au.pts90k() - open.lastPts;
            if (delta > 0 && delta < 90_000) {
                open.lastDelta = delta;
            }
            open.lastPts = Math.max(open.lastPts, au.pts90k());
            open.mux.write(au.pts90k(), au.dts90k(), au.keyframe(), au.data(), open.first);
            open.first = false;
            open.file.flush(); // one write per frame: a kill -9 loses nothing already accepted
            bytesWritten += open.bytes - open.flushedBytes;
            open.flushedBytes = open.bytes;
            return true;
        } catch (IOException e) {
            writeFailed(e);
            return false;
        }
    }

    private boolean spaceAvailable() {
        Instant now = clock.instant();
        if (error != null && Duration.between(lastSpaceCheck, now).toMillis() < 1000) {
            return false;
        }
        lastSpaceCheck = now;
        try {
            Files.createDirectories(root);
            long free = Files.getFileStore(root).getUsableSpace();
            if (free < minFreeBytes) {
                pause("disk full: " + free / (1024 * 1024) + " MB free, below minFreeMb " + minFreeBytes / (1024 * 1024));
                return false;
            }
            return true;
        } catch (IOException e) {
            pause("cannot check free space: " + e.getMessage());
            return false;
        }
    }

    private boolean openSegment(long pts) {
        Instant now = clock.instant();
        Instant start = now;
        if (previousEnd != null) {
            long skew = Duration.between(previousEnd, now).toMillis();
            start = Math.abs(skew) <= MAX_CONTIGUOUS_SKEW_MS || skew < 0 ? previousEnd : now;
        }
        Path dir = root.resolve(source).resolve(DAY.format(start));
        String base = source + "_" + NAME_TIME.format(start);
        Path done = dir.resolve(base + ".ts");
        Path part = dir.resolve(base + ".ts.part");
        for (int n = 1; Files.exists(done) || Files.exists(part); n++) {
            // a segment of no duration (one frame, then a discontinuity) ends where it started: the next
            // one starts in the same millisecond and gets a sequence number instead of the same name
            done = dir.resolve(base + "_" + n + ".ts");
            part = dir.resolve(base + "_" + n + ".ts.part");
        }
        try {
            Files.createDirectories(dir);
            OutputStream file = new BufferedOutputStream(new FileOutputStream(part.toFile()), 256 * 1024);
            open = new Open(part, done, start, file, sha256(), h265, pts);
            if (error != null) {
                log.info("recording of {} resumed after: {}", source, error);
            }
            error = null;
            return true;
        } catch (IOException e) {
            writeFailed(e);
            return false;
        }
    }

    private void writeFailed(IOException e) {
        writeErrors++;
        Open failed = open;
        open = null;
        if (failed != null) {
            try {
                failed.file.close();
            } catch (IOException closeError) {
                e.addSuppressed(closeError);
            }
            finish(failed, true);
        }
        pause("disk write failed (disk full?): " + e.getMessage());
    }

    private void pause(String reason) {
        if (error == null) {
            log.error("recording of {} paused: {}", source, reason);
        }
        error = reason;
    }

    /** Closes the open segment (flush, fsync, rename, index). */
    public void closeSegment() {
        Open o = open;
        open = null;
        if (o == null) {
            return;
        }
        try {
            o.file.close();
        } catch (IOException e) {
            writeErrors++;
            pause("disk write failed (disk full?): " + e.getMessage());
            finish(o, true);
            return;
        }
        finish(o, false);
    }

    /** Makes the segment durable and indexed; after a write error it is first cut to whole TS packets. */
    private void finish(Open o, boolean afterError) {
        try {
            long size = Files.size(o.part);
            try (RandomAccessFile raf = new RandomAccessFile(o.part.toFile(), "rw")) {
                if (afterError) {
                    // keep whole access units only: a picture cut in half would decode with errors
                    size = Math.min(size - size % TsMuxer.PACKET, o.flushedBytes);
                    raf.setLength(size);
                }
                raf.getFD().sync();
            }
            if (size == 0) {
                Files.delete(o.part);
                return;
            }
            String sha = afterError ? Hashing.sha256(o.part) : HexFormat.of().formatHex(o.sha.digest());
            Files.move(o.part, o.done, StandardCopyOption.ATOMIC_MOVE);
            Instant end = o.end();
            store.addSegment(new RecordingStore.Segment(0, source, o.start, end, o.done, size, sha, droneId, false));
            previousEnd = end;
            segmentsClosed++;
        } catch (IOException | SQLException e) {
            writeErrors++;
            // e.g. the index closed at JVM exit: the file is complete and RecordingRecovery indexes it
            log.error("could not finish segment {} of {}: {}", o.part, source, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public boolean recording() {
        return open != null;
    }

    /** The reason recording is paused, or null. */
    public String error() {
        return error;
    }

    public long segmentsClosed() {
        return segmentsClosed;
    }

    public long writeErrors() {
        return writeErrors;
    }

    /** MPEG-TS bytes handed to the OS since start, every segment together (any thread may read it). */
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void close() {
        closeSegment();
    }
}
