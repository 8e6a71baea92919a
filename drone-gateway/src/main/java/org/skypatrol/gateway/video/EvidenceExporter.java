package org.skypatrol.gateway.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.store.RecordingStore;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence for an alert: the recording from {@code preRoll} before it to {@code postRoll} after it
 * is locked against retention, exported as an MP4 clip (remux only) next to the snapshot, and
 * described by {@code manifest.json} with the SHA-256 of the clip, the snapshot and every source
 * segment, so any later change to the files is detectable. Files go to
 * {@code <dataDir>/evidence/{alertId}/}.
 */
public final class EvidenceExporter {

    private static final Logger log = LoggerFactory.getLogger(EvidenceExporter.class);
    public static final String SCHEMA = "skypatrol.evidence/1";

    /** A file of the evidence with its hash. */
    public record FileRef(String file, String sha256, long bytes) {
    }

    /** manifest.json. */
    public record Manifest(String schema, String alertId, String behaviour, String source, String gatewayId,
                           Instant alertStart, Instant alertEnd, Instant clipStart, Instant clipEnd,
                           Double latitudeDeg, Double longitudeDeg, FileRef clip, FileRef snapshot,
                           List<FileRef> segments, List<ClipExporter.Gap> gaps, Instant createdAt) {
    }

    private final RecordingStore store;
    private final Path evidenceRoot;
    private final String gatewayId;
    private final Duration preRoll;
    private final Duration postRoll;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    public EvidenceExporter(RecordingStore store, Path evidenceRoot, String gatewayId, Duration preRoll,
                            Duration postRoll, Clock clock) {
        this.store = store;
        this.evidenceRoot = evidenceRoot;
        this.gatewayId = gatewayId;
        this.preRoll = preRoll;
        this.postRoll = postRoll;
        this.clock = clock;
    }

    /** When the recording must reach for {@link #export} of an alert ending at {@code alertEnd}. */
    public Instant neededUntil(Instant alertEnd) {
        return alertEnd.plus(postRoll);
    }

    /** Exports and locks the evidence of one alert; returns the manifest written. */
    public Manifest export(String alertId, String behaviour, String source, Instant alertStart, Instant alertEnd,
                           Double lat, Double lon, Path snapshot) throws Exception {
        if (!alertId.matches("[A-Za-z0-9_.-]{1,128}")) {
            throw new IllegalArgumentException("alert id not usable as a folder name: " + alertId);
        }
        Instant from = alertStart.minus(preRoll);
        Instant to = alertEnd.plus(postRoll);
        store.protect(source, from, to);
        List<RecordingStore.Segment> segs = store.segments(source, from, to);
        Path dir = evidenceRoot.resolve(alertId);
        Files.createDirectories(dir);
        ClipExporter.Clip clip = ClipExporter.export(segs, from, to, dir.resolve("clip.mp4"));
        FileRef snap = null;
        if (snapshot != null && Files.isRegularFile(snapshot)) {
            String name = "snapshot" + extension(snapshot);
            Path copy = dir.resolve(name);
            Files.copy(snapshot, copy, StandardCopyOption.REPLACE_EXISTING);
            snap = new FileRef(name, Hashing.sha256(copy), Files.size(copy));
        }
        Manifest m = new Manifest(SCHEMA, alertId, behaviour, source, gatewayId, alertStart, alertEnd, clip.start(),
                clip.end(), lat, lon, new FileRef("clip.mp4", Hashing.sha256(clip.file()), clip.bytes()), snap,
                segs.stream().map(s -> new FileRef(s.path().toString(), s.sha256(), s.bytes())).toList(),
                clip.gaps(), clock.instant());
        Path tmp = dir.resolve("manifest.json.part");
        json.writeValue(tmp.toFile(), m);
        Files.move(tmp, dir.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return m;
    }

    /**
     * Bus handler: when an alert ends, waits (on {@code scheduler}, never on the bus thread) until the
     * recording covers the post-roll, then exports. Gives up after {@code patience}.
     */
    public void onAlert(AlertEvent e, ScheduledExecutorService scheduler, Duration patience) {
        AlertPayload a = e.alert();
        if (a.phase() != AlertPayload.Phase.END) {
            return;
        }
        Instant deadline = clock.instant().plus(postRoll).plus(patience);
        scheduler.schedule(() -> attempt(a, scheduler, deadline), postRoll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(AlertPayload a, ScheduledExecutorService scheduler, Instant deadline) {
        Instant start = a.startedAt() != null ? a.startedAt() : a.time();
        Instant end = a.time();
        try {
            List<RecordingStore.Segment> segs = store.segments(a.sourceId(), start.minus(preRoll), neededUntil(end));
            boolean covered = !segs.isEmpty() && !segs.get(segs.size() - 1).end().isBefore(neededUntil(end));
            if (!covered && clock.instant().isBefore(deadline)) {
                scheduler.schedule(() -> attempt(a, scheduler, deadline), 2, TimeUnit.SECONDS);
                return;
            }
            if (segs.isEmpty()) {
                log.warn("no recording of {} for alert {}: no evidence clip", a.sourceId(), a.alertId());
                return;
            }
            Double lat = a.ground() == null ? null : a.ground().latitudeDeg();
            Double lon = a.ground() == null ? null : a.ground().longitudeDeg();
            Path snapshot = a.snapshotRef() == null ? null : Path.of(a.snapshotRef());
            Manifest m = export(a.alertId(), a.behaviour(), a.sourceId(), start, end, lat, lon, snapshot);
            log.info("evidence of alert {} exported: {} ({} gap(s))", a.alertId(), m.clip().file(), m.gaps().size());
        } catch (Exception ex) {
            log.warn("evidence export of alert {} failed: {}", a.alertId(), ex.toString());
        }
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot);
    }
}
