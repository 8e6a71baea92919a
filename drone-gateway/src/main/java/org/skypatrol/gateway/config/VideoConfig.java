package org.skypatrol.gateway.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code video} section: pulled sources, the RTSP publish server, recording with retention, and
 * evidence clips. See docs/video.md for every key.
 */
public record VideoConfig(
        boolean enabled,
        RtspServer rtspServer,
        List<Source> sources,
        Recording recording,
        Evidence evidence,
        boolean httpApi,
        Boolean discoverFromMavlink) {

    /** {@code discoverFromMavlink} (optional, default false): pull each MAVLink drone's announced RTSP stream. */
    public VideoConfig {
        discoverFromMavlink = discoverFromMavlink != null && discoverFromMavlink;
    }

    /** Who may publish to the RTSP server. */
    public enum AuthMode { NONE, BASIC, DIGEST }

    /** The RTSP publish server ({@code rtsp://host:port/drones/{droneId}}). */
    public record RtspServer(boolean enabled, String bind, int port, int readTimeoutSeconds,
                             int maxConnections, AuthMode auth, String username, String password, String realm) {
    }

    /**
     * A pulled source: {@code rtsp://...} (TCP transport) or a file path.
     *
     * @param id              source id: recordings folder, MQTT {@code cameras/{id}/status}
     * @param url             {@code rtsp://} URL or file path
     * @param loop            files only: start again at the end
     * @param realTime        files only: pace packets at their timestamps (as a camera would)
     * @param droneId         the drone this video belongs to (track, pose), or null for a fixed camera
     * @param timeoutSeconds  socket timeout for open and read ({@code timeout}/{@code rw_timeout})
     */
    public record Source(String id, String url, Boolean loop, Boolean realTime, String droneId, Integer timeoutSeconds) {

        /** Optional keys default: loop and realTime false, timeout 5 s. */
        public Source {
            loop = loop != null && loop;
            realTime = realTime != null && realTime;
            timeoutSeconds = timeoutSeconds == null ? 5 : timeoutSeconds;
        }
    }

    /**
     * Recording of every source into MPEG-TS segments under {@code <dataDir>/recordings/{source}/}.
     *
     * @param segmentSeconds   target segment length; a segment ends at the first keyframe after it
     * @param retentionHours   segments older than this are deleted (protected evidence never is)
     * @param quotaMbPerSource oldest unprotected segments of a source are deleted beyond this size (0 = none)
     * @param minFreeMb        recording pauses with an error status when the disk has less free space
     */
    public record Recording(boolean enabled, int segmentSeconds, int retentionHours, long quotaMbPerSource,
                            long minFreeMb) {
    }

    /** Evidence clips for alerts: pre- and post-roll around the alert. */
    public record Evidence(int preRollSeconds, int postRollSeconds) {
    }

    public static VideoConfig defaults() {
        return new VideoConfig(true,
                new RtspServer(true, "0.0.0.0", 8554, 10, 256, AuthMode.NONE, "", "", "skypatrol"),
                List.of(),
                new Recording(true, 10, 72, 0, 512),
                new Evidence(10, 10),
                true, false);
    }

    void validate(Problems p) {
        RtspServer s = rtspServer;
        if (p.check(s != null, "video.rtspServer", "is required")) {
            p.checkPort(s.port(), "video.rtspServer.port");
            p.check(s.readTimeoutSeconds() >= 1 && s.readTimeoutSeconds() <= 300, "video.rtspServer.readTimeoutSeconds",
                    "must be 1..300, was " + s.readTimeoutSeconds());
            p.checkPositive(s.maxConnections(), "video.rtspServer.maxConnections");
            p.check(s.auth() != null, "video.rtspServer.auth", "must be NONE, BASIC or DIGEST");
            if (s.auth() != null && s.auth() != AuthMode.NONE) {
                p.check(s.username() != null && !s.username().isBlank(), "video.rtspServer.username",
                        "is required when auth is " + s.auth());
                p.check(s.password() != null && !s.password().isEmpty(), "video.rtspServer.password",
                        "is required when auth is " + s.auth());
            }
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            Source src = sources.get(i);
            String path = "video.sources[" + i + "]";
            if (p.check(src.id() != null && src.id().matches("[A-Za-z0-9_-]{1,64}"), path + ".id",
                    "must be 1-64 characters of A-Z a-z 0-9 _ -, was '" + src.id() + "'")) {
                p.check(ids.add(src.id()), path + ".id", "duplicate source id '" + src.id() + "'");
            }
            p.check(src.url() != null && !src.url().isBlank(), path + ".url", "is required");
            p.check(src.timeoutSeconds() >= 1 && src.timeoutSeconds() <= 60, path + ".timeoutSeconds",
                    "must be 1..60, was " + src.timeoutSeconds());
        }
        Recording r = recording;
        if (p.check(r != null, "video.recording", "is required")) {
            p.check(r.segmentSeconds() >= 1 && r.segmentSeconds() <= 600, "video.recording.segmentSeconds",
                    "must be 1..600, was " + r.segmentSeconds());
            p.checkPositive(r.retentionHours(), "video.recording.retentionHours");
            p.check(r.quotaMbPerSource() >= 0, "video.recording.quotaMbPerSource", "must be >= 0");
            p.check(r.minFreeMb() >= 0, "video.recording.minFreeMb", "must be >= 0");
        }
        if (p.check(evidence != null, "video.evidence", "is required")) {
            p.check(evidence.preRollSeconds() >= 0 && evidence.preRollSeconds() <= 300,
                    "video.evidence.preRollSeconds", "must be 0..300");
            p.check(evidence.postRollSeconds() >= 0 && evidence.postRollSeconds() <= 300,
                    "video.evidence.postRollSeconds", "must be 0..300");
        }
    }
}
