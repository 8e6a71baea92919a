package org.skypatrol.gateway.config;

import java.util.List;

/**
 * The {@code broadcast} section: loudspeaker broadcast service, its limits, the two transports'
 * retry settings, and the enforcement policies (alert → voice → re-check). See docs/broadcast.md.
 *
 * @param enabled             whether the broadcast service runs
 * @param maxTextLength       longest accepted text, in characters
 * @param maxPerDronePerMinute accepted broadcasts per drone in any 60 s window
 * @param defaultTtlSeconds   a request without ttl must be done within this time
 * @param defaultVolumePercent volume when a request gives none
 * @param queuePerDrone       waiting requests per drone (lower priority than the one playing)
 * @param requestKeys         HMAC-SHA256 keys for the app-level signature of MQTT/HTTP requests;
 *                            empty = no signature required (rely on the broker ACL)
 * @param mavlink             MAVLink transport settings
 * @param dji                 DJI Cloud API transport settings
 * @param recheckGraceSeconds time from the broadcast to the re-check
 * @param maxEscalations      re-checks that may escalate before the incident ends as escalated
 * @param requireCameraView   skip an automatic broadcast when the drone's camera (pose known) does
 *                            not see the alert's ground position
 * @param language            {@code zh}, {@code en} or {@code zh+en} (both, Chinese first)
 * @param policies            one per behaviour (and optionally zone)
 * @param http                the HTTP broadcast API (off unless a token is set)
 */
public record BroadcastConfig(boolean enabled, int maxTextLength, int maxPerDronePerMinute,
                              int defaultTtlSeconds, int defaultVolumePercent, int queuePerDrone,
                              List<String> requestKeys, Mavlink mavlink, Dji dji,
                              int recheckGraceSeconds, int maxEscalations, boolean requireCameraView,
                              String language, List<Policy> policies, Http http) {

    /**
     * {@code POST /api/drones/{droneId}/broadcast} with {@code Authorization: Bearer TOKEN}.
     *
     * @param bind  address to listen on
     * @param port  TCP port (0 = any free port)
     * @param token the bearer token operators' tools send; blank = the HTTP API is off
     */
    public record Http(String bind, int port, String token) {
        static Http defaults() {
            return new Http("127.0.0.1", 8081, "");
        }

        public boolean enabled() {
            return token != null && !token.isBlank();
        }
    }

    /**
     * MAVLink loudspeaker: COMMAND_LONG MAV_CMD_USER_1 (clips) and the SkyPatrol dialect text
     * message to {@code speakerComponentId}; retries follow MAVSDK's defaults.
     */
    public record Mavlink(int speakerComponentId, int ackTimeoutMillis, int retries,
                          int inProgressTimeoutMillis) {
        static Mavlink defaults() {
            return new Mavlink(200, 500, 3, 3000);
        }
    }

    /**
     * DJI Cloud API speaker: PSDK payload index, services_reply timeout and retries (fresh tid),
     * and the preset clips as PCM files the dock downloads ({@code speaker_audio_play_start}).
     */
    public record Dji(int psdkIndex, int replyTimeoutMillis, int retries, List<Clip> clips) {
        static Dji defaults() {
            return new Dji(2, 1000, 2, List.of());
        }
    }

    /** A preset clip for DJI docks: its number, file name, download URL and the file's MD5. */
    public record Clip(int id, String name, String url, String md5) {
    }

    /**
     * What to say for one behaviour (in one zone, or every zone when {@code zone} is {@code *}).
     *
     * @param behaviour      behaviour id
     * @param zone           zone id or {@code *}
     * @param mode           {@code auto} (broadcast at once) or {@code confirm} (suggest it)
     * @param zh             Chinese text ({zone} is replaced by the zone id)
     * @param en             English text
     * @param cooldownSeconds no second broadcast for the same zone and drone within this time
     * @param priority       request priority (higher pre-empts lower)
     * @param volumePercent  volume
     * @param repeat         times to play
     */
    public record Policy(String behaviour, String zone, String mode, String zh, String en,
                         int cooldownSeconds, int priority, int volumePercent, int repeat) {
    }

    public static BroadcastConfig defaults() {
        return new BroadcastConfig(true, 300, 6, 60, 80, 4, List.of(), Mavlink.defaults(),
                Dji.defaults(), 300, 1, true, "zh+en", defaultPolicies(), Http.defaults());
    }

    /** Sample messages for the four behaviours a patrol broadcasts about most. */
    static List<Policy> defaultPolicies() {
        return List.of(
                new Policy("illegal_parking", "*", "auto",
                        "您已违法停车，证据已记录，请立即驶离。",
                        "You are parked illegally. Evidence has been recorded. Please move on now.",
                        300, 5, 90, 2),
                new Policy("emergency_lane_occupation", "*", "auto",
                        "请勿占用应急车道，证据已记录，请立即驶回行车道。",
                        "Do not use the emergency lane. Evidence has been recorded. Return to your lane now.",
                        120, 7, 100, 2),
                new Policy("pedestrian_on_motorway", "*", "auto",
                        "高速公路禁止行人进入，请立即离开行车道，到护栏外等候。",
                        "Pedestrians are not allowed on the motorway. Leave the carriageway and wait behind the barrier.",
                        60, 9, 100, 3),
                new Policy("crowd_gathering", "*", "confirm",
                        "请勿聚集，请有序疏散，注意安全。",
                        "Please do not gather here. Move on in an orderly way and stay safe.",
                        600, 3, 80, 2));
    }

    void validate(Problems p) {
        if (p.check(http != null, "broadcast.http", "is required")) {
            p.checkPort(http.port(), "broadcast.http.port");
            p.check(!http.enabled() || http.token().length() >= 16, "broadcast.http.token",
                    "must have at least 16 characters (or be empty to turn the HTTP API off)");
        }
        p.check(maxTextLength >= 1 && maxTextLength <= 2000, "broadcast.maxTextLength",
                "must be 1..2000, was " + maxTextLength);
        p.check(maxPerDronePerMinute >= 1, "broadcast.maxPerDronePerMinute", "must be >= 1, was " + maxPerDronePerMinute);
        p.check(defaultTtlSeconds >= 1, "broadcast.defaultTtlSeconds", "must be >= 1, was " + defaultTtlSeconds);
        p.check(defaultVolumePercent >= 0 && defaultVolumePercent <= 100, "broadcast.defaultVolumePercent",
                "must be 0..100, was " + defaultVolumePercent);
        p.check(queuePerDrone >= 0, "broadcast.queuePerDrone", "must be >= 0, was " + queuePerDrone);
        p.check(requestKeys != null && requestKeys.stream().allMatch(k -> k != null && k.length() >= 16),
                "broadcast.requestKeys", "each key must have at least 16 characters");
        if (p.check(mavlink != null, "broadcast.mavlink", "is required")) {
            p.check(mavlink.speakerComponentId() >= 1 && mavlink.speakerComponentId() <= 255,
                    "broadcast.mavlink.speakerComponentId", "must be 1..255, was " + mavlink.speakerComponentId());
            p.checkPositive(mavlink.ackTimeoutMillis(), "broadcast.mavlink.ackTimeoutMillis");
            p.check(mavlink.retries() >= 0, "broadcast.mavlink.retries", "must be >= 0");
            p.checkPositive(mavlink.inProgressTimeoutMillis(), "broadcast.mavlink.inProgressTimeoutMillis");
        }
        if (p.check(dji != null, "broadcast.dji", "is required")) {
            p.check(dji.psdkIndex() >= 0 && dji.psdkIndex() <= 3, "broadcast.dji.psdkIndex",
                    "must be 0..3 (DJI PSDK payload index), was " + dji.psdkIndex());
            p.checkPositive(dji.replyTimeoutMillis(), "broadcast.dji.replyTimeoutMillis");
            p.check(dji.retries() >= 0, "broadcast.dji.retries", "must be >= 0");
            if (p.check(dji.clips() != null, "broadcast.dji.clips", "is required (may be empty)")) {
                for (int i = 0; i < dji.clips().size(); i++) {
                    Clip c = dji.clips().get(i);
                    String path = "broadcast.dji.clips[" + i + "]";
                    p.check(c.url() != null && c.url().matches("https?://.+"), path + ".url", "must be an http(s) URL");
                    p.check(c.md5() != null && c.md5().matches("[0-9a-fA-F]{32}"), path + ".md5", "must be 32 hex digits");
                    p.check(c.name() != null && !c.name().isBlank(), path + ".name", "is required");
                }
            }
        }
        p.check(recheckGraceSeconds >= 1, "broadcast.recheckGraceSeconds", "must be >= 1, was " + recheckGraceSeconds);
        p.check(maxEscalations >= 1, "broadcast.maxEscalations", "must be >= 1, was " + maxEscalations);
        p.check("zh".equals(language) || "en".equals(language) || "zh+en".equals(language),
                "broadcast.language", "must be zh, en or zh+en, was '" + language + "'");
        if (p.check(policies != null, "broadcast.policies", "is required (may be empty)")) {
            for (int i = 0; i < policies.size(); i++) {
                validatePolicy(p, policies.get(i), "broadcast.policies[" + i + "]");
            }
        }
    }

    private void validatePolicy(Problems p, Policy po, String path) {
        p.check(po.behaviour() != null && po.behaviour().matches("[a-z_]{1,64}"), path + ".behaviour",
                "must be a behaviour id, was '" + po.behaviour() + "'");
        p.check(po.zone() != null && !po.zone().isBlank(), path + ".zone", "is required ('*' for every zone)");
        p.check("auto".equals(po.mode()) || "confirm".equals(po.mode()), path + ".mode",
                "must be auto or confirm, was '" + po.mode() + "'");
        p.check((po.zh() != null && !po.zh().isBlank()) || (po.en() != null && !po.en().isBlank()),
                path, "needs a zh or en text");
        p.check(po.cooldownSeconds() >= 0, path + ".cooldownSeconds", "must be >= 0");
        p.check(po.volumePercent() >= 0 && po.volumePercent() <= 100, path + ".volumePercent", "must be 0..100");
        p.check(po.repeat() >= 1 && po.repeat() <= 255, path + ".repeat", "must be 1..255");
        int len = (po.zh() == null ? 0 : po.zh().length()) + (po.en() == null ? 0 : po.en().length()) + 1;
        p.check(len <= maxTextLength, path, "texts are longer than broadcast.maxTextLength (" + len + ")");
    }
}
