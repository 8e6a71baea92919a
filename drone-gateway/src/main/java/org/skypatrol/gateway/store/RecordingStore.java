package org.skypatrol.gateway.store;

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

/**
 * The recordings index in the embedded H2 database {@code <dataDir>/video.mv.db}: segments
 * (source, start, end, path, bytes, SHA-256, protected), the drones' telemetry track and evidence
 * exports. Plain JDBC over one connection, every method synchronized (calls are few and small).
 * {@code AUTO_SERVER} lets the CLI ({@code skypatrol replay}) read it while the gateway runs.
 */
public final class RecordingStore implements AutoCloseable {

    /** One indexed segment file. */
    public record Segment(long id, String source, Instant start, Instant end, Path path, long bytes,
                          String sha256, String droneId, boolean protectedEvidence) {
    }

    /** One point of a drone's track. */
    public record TrackPoint(String droneId, Instant time, double latitudeDeg, double longitudeDeg,
                             Double altitudeMslMetres, Double altitudeRelativeMetres, Double headingDeg) {
    }

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS video_segment (
          id BIGINT AUTO_INCREMENT PRIMARY KEY, source VARCHAR(64) NOT NULL,
          start_ms BIGINT NOT NULL, end_ms BIGINT NOT NULL, path VARCHAR(1024) NOT NULL UNIQUE,
          bytes BIGINT NOT NULL, sha256 CHAR(64) NOT NULL, drone_id VARCHAR(64),
          protected BOOLEAN DEFAULT FALSE NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS video_segment_time ON video_segment(source, start_ms)",
        """
        CREATE TABLE IF NOT EXISTS video_track (
          drone_id VARCHAR(64) NOT NULL, time_ms BIGINT NOT NULL, lat DOUBLE NOT NULL, lon DOUBLE NOT NULL,
          alt_msl DOUBLE, alt_rel DOUBLE, heading DOUBLE)""",
        "CREATE INDEX IF NOT EXISTS video_track_time ON video_track(drone_id, time_ms)",
    };

    private final Connection db;

    private RecordingStore(Connection db) {
        this.db = db;
    }

    /** Opens (creating if needed) the index under {@code dataDir}. */
    public static RecordingStore open(Path dataDir) throws SQLException {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("video") + ";AUTO_SERVER=TRUE";
        Connection c = DriverManager.getConnection(url, "sa", "");
        try (Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new RecordingStore(c);
    }

    public synchronized long addSegment(Segment s) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO video_segment(source, start_ms, end_ms, path, bytes, sha256, drone_id, protected) "
                        + "VALUES (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, s.source());
            ps.setLong(2, s.start().toEpochMilli());
            ps.setLong(3, s.end().toEpochMilli());
            ps.setString(4, s.path().toAbsolutePath().toString());
            ps.setLong(5, s.bytes());
            ps.setString(6, s.sha256());
            ps.setString(7, s.droneId());
            ps.setBoolean(8, s.protectedEvidence());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Segments of {@code source} overlapping [from, to), oldest first. */
    public synchronized List<Segment> segments(String source, Instant from, Instant to) throws SQLException {
        return query("SELECT * FROM video_segment WHERE source = ? AND end_ms > ? AND start_ms < ? ORDER BY start_ms",
                source, from.toEpochMilli(), to.toEpochMilli());
    }

    /** Every segment of a source, oldest first (retention). */
    public synchronized List<Segment> segments(String source) throws SQLException {
        return query("SELECT * FROM video_segment WHERE source = ? ORDER BY start_ms", source);
    }

    /** Unprotected segments that ended before {@code cutoff}, oldest first (retention by age). */
    public synchronized List<Segment> unprotectedEndingBefore(Instant cutoff) throws SQLException {
        return query("SELECT * FROM video_segment WHERE protected = FALSE AND end_ms < ? ORDER BY start_ms",
                cutoff.toEpochMilli());
    }

    /** True when a segment with this file is indexed. */
    public synchronized boolean hasPath(Path file) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM video_segment WHERE path = ?")) {
            ps.setString(1, file.toAbsolutePath().toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public synchronized List<String> sources() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT source FROM video_segment ORDER BY source")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Marks the segments of {@code source} overlapping [from, to) as protected evidence; returns how many. */
    public synchronized int protect(String source, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "UPDATE video_segment SET protected = TRUE WHERE source = ? AND end_ms > ? AND start_ms < ?")) {
            ps.setString(1, source);
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            return ps.executeUpdate();
        }
    }

    public synchronized void deleteSegment(long id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM video_segment WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    public synchronized void addTrack(List<TrackPoint> points) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO video_track(drone_id, time_ms, lat, lon, alt_msl, alt_rel, heading) VALUES (?,?,?,?,?,?,?)")) {
            for (TrackPoint p : points) {
                ps.setString(1, p.droneId());
                ps.setLong(2, p.time().toEpochMilli());
                ps.setDouble(3, p.latitudeDeg());
                ps.setDouble(4, p.longitudeDeg());
                setDouble(ps, 5, p.altitudeMslMetres());
                setDouble(ps, 6, p.altitudeRelativeMetres());
                setDouble(ps, 7, p.headingDeg());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The track of {@code droneId} in [from, to), in time order. */
    public synchronized List<TrackPoint> track(String droneId, Instant from, Instant to) throws SQLException {
        List<TrackPoint> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT * FROM video_track WHERE drone_id = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms")) {
            ps.setString(1, droneId);
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TrackPoint(rs.getString("drone_id"), Instant.ofEpochMilli(rs.getLong("time_ms")),
                            rs.getDouble("lat"), rs.getDouble("lon"), getDouble(rs, "alt_msl"),
                            getDouble(rs, "alt_rel"), getDouble(rs, "heading")));
                }
            }
        }
        return out;
    }

    private List<Segment> query(String sql, Object... args) throws SQLException {
        List<Segment> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Segment(rs.getLong("id"), rs.getString("source"),
                            Instant.ofEpochMilli(rs.getLong("start_ms")), Instant.ofEpochMilli(rs.getLong("end_ms")),
                            Path.of(rs.getString("path")), rs.getLong("bytes"), rs.getString("sha256"),
                            rs.getString("drone_id"), rs.getBoolean("protected")));
                }
            }
        }
        return out;
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static Double getDouble(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the recordings index failed", e);
        }
    }
}
