package org.skypatrol.gateway.analytics;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.skypatrol.gateway.Service;
import org.skypatrol.protocols.mqtt.AlertPayload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The alerts raised by the live analytics, one row per alert (its phases fold into it: started,
 * last update, ended), in the gateway's embedded H2 database {@code <dataDir>/skypatrol} (the same
 * file as the broadcast audit log; table {@code analytics_alert} is ours alone). Plain JDBC over one
 * connection, every method synchronized: a few writes per alert.
 */
public final class AlertStore implements Service {

    /** One stored alert: the latest payload of each alert and its life span. */
    public record StoredAlert(String alertId, String sourceId, String behaviour, String severity, String zoneId,
                              Instant startedAt, Instant lastTime, Instant endedAt, String lastPhase, int updates,
                              Double latitudeDeg, Double longitudeDeg, String snapshotRef, String clipRef,
                              String payloadJson) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS analytics_alert (
          alert_id VARCHAR(128) PRIMARY KEY, source VARCHAR(64) NOT NULL, behaviour VARCHAR(64) NOT NULL,
          severity VARCHAR(16) NOT NULL, zone_id VARCHAR(128), started_ms BIGINT NOT NULL,
          last_ms BIGINT NOT NULL, ended_ms BIGINT, last_phase VARCHAR(8) NOT NULL, updates INT NOT NULL,
          lat DOUBLE, lon DOUBLE, snapshot VARCHAR(1024), clip VARCHAR(1024), payload CLOB NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS analytics_alert_source ON analytics_alert(source, started_ms)",
        "CREATE INDEX IF NOT EXISTS analytics_alert_behaviour ON analytics_alert(behaviour, started_ms)",
    };

    private final String jdbcUrl;
    private final AtomicLong failures = new AtomicLong();
    private Connection db;

    public AlertStore(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * The gateway's database under {@code dataDir}; the URL is the broadcast audit log's, so both
     * share one in-process H2 database.
     */
    public static String storeUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("skypatrol") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Override
    public synchronized void start() throws SQLException {
        db = DriverManager.getConnection(jdbcUrl, "sa", "");
        try (Statement s = db.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            db.close();
            db = null;
            throw e;
        }
    }

    /** Folds one phase into its alert's row (start inserts; update and end update). */
    public synchronized void record(AlertPayload a) throws SQLException {
        String json;
        try {
            json = JSON.writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot serialise alert " + a.alertId(), e);
        }
        int updated;
        try (PreparedStatement ps = db.prepareStatement("""
                UPDATE analytics_alert SET last_ms = ?, ended_ms = ?, last_phase = ?,
                  updates = updates + CASE WHEN CAST(? AS VARCHAR) = 'update' THEN 1 ELSE 0 END,
                  lat = COALESCE(?, lat), lon = COALESCE(?, lon),
                  snapshot = COALESCE(?, snapshot), clip = COALESCE(?, clip), payload = ?
                WHERE alert_id = ?""")) {
            String phase = phaseId(a.phase());
            ps.setLong(1, a.time().toEpochMilli());
            setLong(ps, 2, a.phase() == AlertPayload.Phase.END ? a.time().toEpochMilli() : null);
            ps.setString(3, phase);
            ps.setString(4, phase);
            setDouble(ps, 5, a.ground() == null ? null : a.ground().latitudeDeg());
            setDouble(ps, 6, a.ground() == null ? null : a.ground().longitudeDeg());
            ps.setString(7, a.snapshotRef());
            ps.setString(8, a.clipRef());
            ps.setString(9, json);
            ps.setString(10, a.alertId());
            updated = ps.executeUpdate();
        }
        if (updated > 0) {
            return;
        }
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT INTO analytics_alert(alert_id, source, behaviour, severity, zone_id, started_ms, last_ms,
                  ended_ms, last_phase, updates, lat, lon, snapshot, clip, payload)
                VALUES (?,?,?,?,?,?,?,?,?,0,?,?,?,?,?)""")) {
            ps.setString(1, a.alertId());
            ps.setString(2, a.sourceId());
            ps.setString(3, a.behaviour());
            ps.setString(4, a.severity().name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(5, a.zoneId());
            ps.setLong(6, (a.startedAt() != null ? a.startedAt() : a.time()).toEpochMilli());
            ps.setLong(7, a.time().toEpochMilli());
            setLong(ps, 8, a.phase() == AlertPayload.Phase.END ? a.time().toEpochMilli() : null);
            ps.setString(9, phaseId(a.phase()));
            setDouble(ps, 10, a.ground() == null ? null : a.ground().latitudeDeg());
            setDouble(ps, 11, a.ground() == null ? null : a.ground().longitudeDeg());
            ps.setString(12, a.snapshotRef());
            ps.setString(13, a.clipRef());
            ps.setString(14, json);
            ps.executeUpdate();
        }
    }

    /**
     * Alerts that started in {@code [from, to)}, newest first; {@code sourceId} and {@code behaviour}
     * narrow it when not null.
     */
    public synchronized List<StoredAlert> find(String sourceId, String behaviour, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                SELECT alert_id, source, behaviour, severity, zone_id, started_ms, last_ms, ended_ms, last_phase,
                  updates, lat, lon, snapshot, clip, payload FROM analytics_alert
                WHERE (CAST(? AS VARCHAR) IS NULL OR source = ?) AND (CAST(? AS VARCHAR) IS NULL OR behaviour = ?)
                  AND started_ms >= ? AND started_ms < ? ORDER BY started_ms DESC, alert_id""")) {
            ps.setString(1, sourceId);
            ps.setString(2, sourceId);
            ps.setString(3, behaviour);
            ps.setString(4, behaviour);
            ps.setLong(5, from.toEpochMilli());
            ps.setLong(6, to.toEpochMilli());
            List<StoredAlert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long ended = rs.getLong(8);
                    boolean endedNull = rs.wasNull();
                    double lat = rs.getDouble(11);
                    boolean latNull = rs.wasNull();
                    double lon = rs.getDouble(12);
                    boolean lonNull = rs.wasNull();
                    out.add(new StoredAlert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                            endedNull ? null : Instant.ofEpochMilli(ended), rs.getString(9), rs.getInt(10),
                            latNull ? null : lat, lonNull ? null : lon, rs.getString(13), rs.getString(14),
                            rs.getString(15)));
                }
            }
            return out;
        }
    }

    /** Counts a write that failed (the caller logs it; the alert still goes to MQTT). */
    void failed() {
        failures.incrementAndGet();
    }

    public long failures() {
        return failures.get();
    }

    private static String phaseId(AlertPayload.Phase p) {
        return p.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    @Override
    public synchronized void close() {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                failures.incrementAndGet();
            }
            db = null;
        }
    }
}
