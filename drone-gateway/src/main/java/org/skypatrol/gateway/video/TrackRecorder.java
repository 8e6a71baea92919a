package org.skypatrol.gateway.video;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.skypatrol.gateway.events.TelemetryEvent;
import org.skypatrol.gateway.store.RecordingStore;
import org.skypatrol.gateway.store.RecordingStore.TrackPoint;
import org.skypatrol.protocols.telemetry.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each drone's track next to its recordings: every {@link TelemetryEvent} with a position is
 * queued (the event bus thread never touches the database) and written in batches by {@link #flush()},
 * which the video module calls every second. The points carry the gateway's receive time, the same
 * wall clock that names the segments, so track and video line up in replay.
 */
public final class TrackRecorder {

    private static final Logger log = LoggerFactory.getLogger(TrackRecorder.class);
    private static final int MAX_QUEUED = 100_000;

    private final RecordingStore store;
    private final ConcurrentLinkedQueue<TrackPoint> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public TrackRecorder(RecordingStore store) {
        this.store = store;
    }

    public void onTelemetry(TelemetryEvent e) {
        Telemetry t = e.telemetry();
        if (t.position() == null || t.time() == null) {
            return;
        }
        if (queued.get() >= MAX_QUEUED) {
            dropped.incrementAndGet();
            return;
        }
        queued.incrementAndGet();
        queue.add(new TrackPoint(t.droneId(), t.time(), t.position().latitudeDeg(), t.position().longitudeDeg(),
                t.position().altitudeMslMetres(), t.position().altitudeRelativeMetres(), t.headingDeg()));
    }

    /** Writes what is queued. */
    public void flush() {
        List<TrackPoint> batch = new ArrayList<>();
        TrackPoint p;
        while ((p = queue.poll()) != null) {
            batch.add(p);
        }
        queued.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.addTrack(batch);
        } catch (SQLException ex) {
            dropped.addAndGet(batch.size());
            // at JVM exit H2's own hook may have closed the database first (AUTO_SERVER needs its
            // DB_CLOSE_ON_EXIT): the last second of track is then lost, and said so
            log.warn("could not store {} track points: {}", batch.size(), ex.getMessage());
        }
    }

    public long dropped() {
        return dropped.get();
    }
}
