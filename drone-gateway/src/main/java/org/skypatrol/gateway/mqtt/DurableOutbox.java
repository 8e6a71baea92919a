package org.skypatrol.gateway.mqtt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox for QoS 1 messages (alerts, command results): every message is appended to a log
 * on disk and fsynced <em>before</em> it is published, so a broker outage or a {@code kill -9} of the
 * gateway loses nothing (FAULTS.md Q2, Q3). Format, chosen for being simple to recover:
 *
 * <ul>
 *   <li>segments {@code seg-<first seq>.log}: records {@code [magic u32][length u32][seq u64]
 *       [topic length u16][topic UTF-8][payload][crc32c u32 of seq..payload]}; a torn or corrupt tail
 *       left by a crash is cut off at the last good record on open;</li>
 *   <li>{@code cursor}: the highest sequence number up to which everything is complete (PUBACKed, or
 *       application-acknowledged when acks are required), replaced atomically (write, fsync, rename).</li>
 * </ul>
 *
 * A segment whose messages are all complete is deleted whole. Disk use is bounded by {@code maxBytes}:
 * beyond it a new message is refused (counted and alarmed, never silently); passing the high-water mark
 * raises an alarm. The H2 database would also do, but an append-only log needs no schema, costs one
 * sequential write and one fsync per message, and its recovery is a scan.
 *
 * <p>Every message gets a stable id {@code <idPrefix>-<seq>} that is written into its payload before
 * the append, so a re-delivery carries the same id and consumers can de-duplicate.
 */
public final class DurableOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DurableOutbox.class);
    private static final int MAGIC = 0x53504F42; // "SPOB"
    private static final int HEADER = 4 + 4;
    private static final int MAX_RECORD = 16 * 1024 * 1024;

    /** One stored message. */
    public record Entry(long seq, String messageId, String topic, byte[] payload) {
    }

    private record Segment(Path path, long firstSeq, long lastSeq, long bytes) {
    }

    private final Path dir;
    private final String idPrefix;
    private final long maxBytes;
    private final long highWaterBytes;
    private final long segmentBytes;
    private final MqttMetrics metrics;
    private final NavigableMap<Long, Entry> pending = new TreeMap<>();
    private final TreeSet<Long> completeAhead = new TreeSet<>();
    private final NavigableMap<Long, Segment> segments = new TreeMap<>();
    private long cursor;
    private long nextSeq;
    private long usedBytes;
    private boolean aboveHighWater;
    private FileChannel current;
    private Segment currentSegment;

    public DurableOutbox(Path dir, String idPrefix, long maxBytes, int highWaterPercent, long segmentBytes,
                         MqttMetrics metrics) throws IOException {
        this.dir = dir;
        this.idPrefix = idPrefix;
        this.maxBytes = maxBytes;
        this.highWaterBytes = maxBytes * highWaterPercent / 100;
        this.segmentBytes = segmentBytes;
        this.metrics = metrics;
        Files.createDirectories(dir);
        recover();
    }

    /** The stable message id of a sequence number. */
    public String messageId(long seq) {
        return idPrefix + "-" + seq;
    }

    /** The sequence number of one of our message ids, or -1. */
    public long seqOf(String messageId) {
        if (messageId == null || !messageId.startsWith(idPrefix + "-")) {
            return -1;
        }
        try {
            return Long.parseLong(messageId.substring(idPrefix.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Stores a message durably; {@code payloadForId} builds the payload with the assigned message id.
     * Empty when the quota would be exceeded (counted in {@link MqttMetrics#OUTBOX_REFUSED_FULL}).
     */
    public synchronized Optional<Entry> append(String topic, Function<String, byte[]> payloadForId) throws IOException {
        long seq = nextSeq;
        String id = messageId(seq);
        byte[] payload = payloadForId.apply(id);
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int body = 8 + 2 + t.length + payload.length;
        int total = HEADER + body + 4;
        if (usedBytes + total > maxBytes) {
            metrics.inc(MqttMetrics.OUTBOX_REFUSED_FULL);
            log.error("ALARM: outbox full ({} of {} bytes): message for {} refused", usedBytes, maxBytes, topic);
            return Optional.empty();
        }
        if (current == null || currentSegment.bytes() + total > segmentBytes) {
            roll(seq);
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(MAGIC).putInt(body).putLong(seq).putShort((short) t.length).put(t).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), HEADER, body);
        b.putInt((int) crc.getValue()).flip();
        while (b.hasRemaining()) {
            current.write(b);
        }
        current.force(false);
        nextSeq = seq + 1;
        currentSegment = new Segment(currentSegment.path(), currentSegment.firstSeq(), seq, currentSegment.bytes() + total);
        segments.put(currentSegment.firstSeq(), currentSegment);
        usedBytes += total;
        Entry e = new Entry(seq, id, topic, payload);
        pending.put(seq, e);
        metrics.inc(MqttMetrics.OUTBOX_APPENDED);
        checkHighWater();
        return Optional.of(e);
    }

    /** Messages not yet complete, oldest first. */
    public synchronized List<Entry> pending() {
        return new ArrayList<>(pending.values());
    }

    public synchronized Optional<Entry> get(long seq) {
        return Optional.ofNullable(pending.get(seq));
    }

    /** The oldest message not yet complete, if any (the metrics read its age). */
    public synchronized Optional<Entry> oldestPending() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(pending.firstEntry().getValue());
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }

    public synchronized boolean aboveHighWater() {
        return aboveHighWater;
    }

    /** Marks messages complete (delivered, or acknowledged); persists the cursor and drops whole segments. */
    public synchronized void complete(Collection<Long> seqs) throws IOException {
        boolean moved = false;
        for (long s : seqs) {
            if (pending.remove(s) != null) {
                completeAhead.add(s);
            }
        }
        while (!completeAhead.isEmpty() && completeAhead.first() == cursor + 1 && !pending.containsKey(cursor + 1)) {
            cursor = completeAhead.pollFirst();
            moved = true;
        }
        // an entry with a lower seq may be complete only if nothing older is pending
        long firstPending = pending.isEmpty() ? nextSeq : pending.firstKey();
        if (firstPending - 1 > cursor) {
            cursor = firstPending - 1;
            completeAhead.headSet(cursor, true).clear();
            moved = true;
        }
        if (moved) {
            writeCursor();
            dropCompleteSegments();
            checkHighWater();
        }
    }

    private void checkHighWater() {
        boolean above = usedBytes >= highWaterBytes;
        if (above && !aboveHighWater) {
            metrics.inc(MqttMetrics.OUTBOX_HIGH_WATER_ALARMS);
            log.warn("ALARM: outbox above high-water mark: {} of {} bytes used ({} messages waiting)",
                    usedBytes, maxBytes, pending.size());
        } else if (!above && aboveHighWater) {
            log.info("outbox back below high-water mark: {} of {} bytes", usedBytes, maxBytes);
        }
        aboveHighWater = above;
    }

    private void dropCompleteSegments() throws IOException {
        for (Segment s : List.copyOf(segments.values())) {
            boolean isCurrent = current != null && s.path().equals(currentSegment.path());
            if (s.lastSeq() <= cursor && !isCurrent) {
                Files.deleteIfExists(s.path());
                segments.remove(s.firstSeq());
                usedBytes -= s.bytes();
            }
        }
        if (current != null && currentSegment.lastSeq() <= cursor && currentSegment.bytes() > segmentBytes / 2) {
            current.close();
            current = null;
            Files.deleteIfExists(currentSegment.path());
            segments.remove(currentSegment.firstSeq());
            usedBytes -= currentSegment.bytes();
            currentSegment = null;
        }
    }

    private void roll(long firstSeq) throws IOException {
        if (current != null) {
            current.close();
        }
        Path p = dir.resolve(String.format("seg-%020d.log", firstSeq));
        current = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        currentSegment = new Segment(p, firstSeq, firstSeq - 1, current.size());
        segments.put(firstSeq, currentSegment);
        forceDir();
    }

    private void writeCursor() throws IOException {
        Path tmp = dir.resolve("cursor.tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(ByteBuffer.wrap(Long.toString(cursor).getBytes(StandardCharsets.US_ASCII)));
            c.force(false);
        }
        Files.move(tmp, dir.resolve("cursor"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void forceDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            log.debug("directory fsync not supported here: {}", e.toString());
        }
    }

    private void recover() throws IOException {
        Path cursorFile = dir.resolve("cursor");
        cursor = Files.exists(cursorFile) ? Long.parseLong(Files.readString(cursorFile).trim()) : 0;
        long maxSeq = cursor;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("seg-\\d{20}\\.log")).sorted().toList();
        }
        for (Path p : files) {
            long first = Long.parseLong(p.getFileName().toString().substring(4, 24));
            long last = first - 1;
            long good = 0;
            try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer all = ByteBuffer.allocate((int) Math.min(c.size(), Integer.MAX_VALUE - 8));
                while (all.hasRemaining() && c.read(all) >= 0) {
                    // read whole segment (segments are small)
                }
                all.flip();
                while (all.remaining() >= HEADER) {
                    int pos = all.position();
                    if (all.getInt() != MAGIC) {
                        break;
                    }
                    int body = all.getInt();
                    if (body < 10 || body > MAX_RECORD || all.remaining() < body + 4) {
                        break;
                    }
                    byte[] bodyBytes = new byte[body];
                    all.get(bodyBytes);
                    CRC32C crc = new CRC32C();
                    crc.update(bodyBytes);
                    if ((int) crc.getValue() != all.getInt()) {
                        all.position(pos);
                        break;
                    }
                    ByteBuffer r = ByteBuffer.wrap(bodyBytes);
                    long seq = r.getLong();
                    byte[] t = new byte[r.getShort() & 0xFFFF];
                    r.get(t);
                    byte[] payload = new byte[r.remaining()];
                    r.get(payload);
                    if (seq > cursor) {
                        pending.put(seq, new Entry(seq, messageId(seq), new String(t, StandardCharsets.UTF_8), payload));
                    }
                    last = seq;
                    maxSeq = Math.max(maxSeq, seq);
                    good = all.position();
                }
                if (good < c.size()) {
                    metrics.inc(MqttMetrics.OUTBOX_TORN_TAILS);
                    log.warn("outbox segment {}: cut {} bytes of torn or corrupt tail left by a crash",
                            p.getFileName(), c.size() - good);
                    c.truncate(good);
                    c.force(true);
                }
            }
            segments.put(first, new Segment(p, first, last, good));
            usedBytes += good;
        }
        nextSeq = maxSeq + 1;
        for (Map.Entry<Long, Segment> e : List.copyOf(segments.entrySet())) {
            if (e.getValue().lastSeq() <= cursor) {
                Files.deleteIfExists(e.getValue().path());
                segments.remove(e.getKey());
                usedBytes -= e.getValue().bytes();
            }
        }
        if (!pending.isEmpty()) {
            log.info("outbox: {} message(s) from before the restart to deliver (ids {}..{})", pending.size(),
                    messageId(pending.firstKey()), messageId(pending.lastKey()));
        }
        checkHighWater();
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                log.warn("closing outbox segment: {}", e.toString());
            }
            current = null;
        }
    }
}
