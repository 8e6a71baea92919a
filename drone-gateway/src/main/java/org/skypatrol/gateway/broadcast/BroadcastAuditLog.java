package org.skypatrol.gateway.broadcast;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.gateway.events.EnforcementOutcomeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broadcast audit log in the embedded H2 store (plain JDBC, tables of our own): one row per
 * state change of every command (who asked, what, for which drone, when, outcome), and one row per
 * enforcement incident with its detect → broadcast → outcome times. Writes run on their own thread
 * so the command path never waits for the disk; a failed write is counted and logged, never lost
 * silently.
 */
public final class BroadcastAuditLog implements Service {

    private static final Logger log = LoggerFactory.getLogger(BroadcastAuditLog.class);

    /** One audited state change. */
    public record Row(String commandId, String droneId, String source, String text, Integer clipId,
                      int priority, String status, String reason, Instant time) {
    }

    /** One enforcement incident as stored. */
    public record IncidentRow(String alertId, String droneId, String behaviour, String zoneId, String commandId,
                              Instant detectedAt, Instant broadcastAt, Instant acknowledgedAt, Instant outcomeAt,
                              String outcome) {
    }

    private final String jdbcUrl;
    private final Object lock = new Object();
    private Connection connection;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "broadcast-audit");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();

    /** The log in the H2 database at {@code jdbcUrl}; {@link #start()} opens it. */
    public BroadcastAuditLog(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** The gateway's embedded store under its data folder. */
    public static String storeUrl(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("skypatrol") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Opens the database and creates the tables when needed. */
    @Override
    public void start() throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, "sa", "");
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS broadcast_audit (
                      id BIGINT AUTO_INCREMENT PRIMARY KEY,
                      command_id VARCHAR(64) NOT NULL,
                      drone_id VARCHAR(128) NOT NULL,
                      source VARCHAR(16) NOT NULL,
                      text VARCHAR(4000),
                      clip_id INT,
                      priority INT NOT NULL,
                      status VARCHAR(16) NOT NULL,
                      reason VARCHAR(512),
                      at TIMESTAMP WITH TIME ZONE NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS broadcast_audit_command ON broadcast_audit(command_id)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS enforcement_incident (
                      alert_id VARCHAR(128) PRIMARY KEY,
                      drone_id VARCHAR(128),
                      behaviour VARCHAR(64) NOT NULL,
                      zone_id VARCHAR(128),
                      command_id VARCHAR(64),
                      detected_at TIMESTAMP WITH TIME ZONE NOT NULL,
                      broadcast_at TIMESTAMP WITH TIME ZONE,
                      acknowledged_at TIMESTAMP WITH TIME ZONE,
                      outcome_at TIMESTAMP WITH TIME ZONE NOT NULL,
                      outcome VARCHAR(16) NOT NULL)""");
        }
    }

    /** Queues one state change of {@code request} for writing. */
    public void record(BroadcastRequest request, CommandResultEvent e) {
        writer.execute(() -> write("""
                INSERT INTO broadcast_audit(command_id, drone_id, source, text, clip_id, priority, status, reason, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
                ps.setString(1, truncate(e.commandId(), 64));
                ps.setString(2, truncate(e.droneId(), 128));
                ps.setString(3, request == null ? "unknown" : request.source().wire());
                ps.setString(4, request == null ? null : truncate(request.text(), 4000));
                if (request == null || request.clipId() == null) {
                    ps.setNull(5, Types.INTEGER);
                } else {
                    ps.setInt(5, request.clipId());
                }
                ps.setInt(6, request == null ? 0 : request.priority());
                ps.setString(7, Wire.status(e.status()));
                ps.setString(8, truncate(e.reason(), 512));
                ps.setObject(9, odt(e.time()));
            }));
    }

    /** Queues one finished enforcement incident for writing. */
    public void record(EnforcementOutcomeEvent e) {
        writer.execute(() -> write("""
                MERGE INTO enforcement_incident(alert_id, drone_id, behaviour, zone_id, command_id, detected_at,
                  broadcast_at, acknowledged_at, outcome_at, outcome) KEY(alert_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                ps -> {
                ps.setString(1, e.alertId());
                ps.setString(2, e.droneId());
                ps.setString(3, e.behaviour());
                ps.setString(4, e.zoneId());
                ps.setString(5, e.commandId());
                ps.setObject(6, odt(e.detectedAt()));
                ps.setObject(7, odt(e.broadcastAt()));
                ps.setObject(8, odt(e.acknowledgedAt()));
                ps.setObject(9, odt(e.outcomeAt()));
                ps.setString(10, e.outcome().name().toLowerCase(java.util.Locale.ROOT));
            }));
    }

    /** Every audited state change of one command, oldest first (after pending writes). */
    public List<Row> history(String commandId) {
        flush();
        return query("SELECT command_id, drone_id, source, text, clip_id, priority, status, reason, at "
                + "FROM broadcast_audit WHERE command_id = ? ORDER BY id", commandId);
    }

    /** Every audited state change, oldest first (after pending writes). */
    public List<Row> all() {
        flush();
        return query("SELECT command_id, drone_id, source, text, clip_id, priority, status, reason, at "
                + "FROM broadcast_audit ORDER BY id", null);
    }

    /** The stored incident for an alert, or null. */
    public IncidentRow incident(String alertId) {
        flush();
        String sql = "SELECT alert_id, drone_id, behaviour, zone_id, command_id, detected_at, broadcast_at, "
                + "acknowledged_at, outcome_at, outcome FROM enforcement_incident WHERE alert_id = ?";
        synchronized (lock) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new IncidentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                            rs.getString(10));
                }
            } catch (SQLException ex) {
                throw new IllegalStateException("audit query failed", ex);
            }
        }
    }

    private List<Row> query(String sql, String commandId) {
        List<Row> rows = new ArrayList<>();
        synchronized (lock) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                if (commandId != null) {
                    ps.setString(1, commandId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int clip = rs.getInt(5);
                        Integer clipId = rs.wasNull() ? null : clip;
                        rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), clipId,
                                rs.getInt(6), rs.getString(7), rs.getString(8), instant(rs, 9)));
                    }
                }
            } catch (SQLException ex) {
                throw new IllegalStateException("audit query failed", ex);
            }
        }
        return rows;
    }

    /** Waits (up to 5 s) until every queued write is done. */
    public void flush() {
        try {
            writer.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("audit writer stuck", e);
        }
    }

    public long writeFailures() {
        return writeFailures.get();
    }

    public long rowsWritten() {
        return rowsWritten.get();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void write(String sql, Binder binder) {
        synchronized (lock) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                binder.bind(ps);
                ps.executeUpdate();
                rowsWritten.incrementAndGet();
            } catch (SQLException ex) {
                long n = writeFailures.incrementAndGet();
                if (n == 1 || n % 100 == 0) {
                    log.error("broadcast audit write failed ({} failures so far)", n, ex);
                }
            }
        }
    }

    private static OffsetDateTime odt(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("broadcast audit writer did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection == null) {
            return;
        }
        synchronized (lock) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing the broadcast audit database failed", e);
            }
        }
    }
}
