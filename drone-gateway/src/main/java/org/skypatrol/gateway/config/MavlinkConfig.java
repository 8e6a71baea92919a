package org.skypatrol.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code mavlink} section: endpoints (UDP/TCP servers) that drones connect to, drone names, link
 * timeouts and the stream rates the gateway asks each drone for.
 *
 * @param endpoints   listening endpoints
 * @param names       drone id by {@code "endpoint/sysid"} (one endpoint) or {@code "sysid"} (any
 *                    endpoint); unnamed drones are called {@code <endpoint>-<sysid>}
 * @param link        when a drone's link turns stale and offline after its last HEARTBEAT
 * @param streamRates message rates requested from every new drone (SET_MESSAGE_INTERVAL)
 * @param commands    ack timeout and retries of the commands the gateway sends
 */
public record MavlinkConfig(List<Endpoint> endpoints, Map<String, String> names, Link link,
                            List<StreamRate> streamRates, Commands commands) {

    public MavlinkConfig {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        names = names == null ? Map.of() : Map.copyOf(names);
        link = link == null ? Link.defaults() : link;
        streamRates = streamRates == null ? List.of() : List.copyOf(streamRates);
        commands = commands == null ? Commands.defaults() : commands;
    }

    /** One listening endpoint; {@code signing} null means accept unsigned frames. */
    public record Endpoint(String name, Transport transport, String bind, int port, Signing signing) {

        public Endpoint {
            bind = bind == null ? "0.0.0.0" : bind;
            signing = signing == null ? Signing.acceptUnsigned() : signing;
        }

        public Endpoint(String name, Transport transport, String bind, int port) {
            this(name, transport, bind, port, null);
        }
    }

    /** Endpoint transport. */
    public enum Transport { UDP, TCP }

    /**
     * MAVLink 2 signing on one endpoint: {@code ACCEPT_UNSIGNED} (signed frames are verified when a
     * key is set, unsigned ones pass) or {@code REQUIRE_SIGNED} (unsigned and v1 frames are rejected).
     * The key is 32 bytes as 64 hex digits, or a passphrase whose SHA-256 is the key (Mission Planner).
     */
    public record Signing(SigningMode mode, String keyHex, String passphrase) {

        public Signing {
            mode = mode == null ? SigningMode.ACCEPT_UNSIGNED : mode;
        }

        public static Signing acceptUnsigned() {
            return new Signing(SigningMode.ACCEPT_UNSIGNED, null, null);
        }

        public boolean hasKey() {
            return (keyHex != null && !keyHex.isBlank()) || (passphrase != null && !passphrase.isEmpty());
        }

        /** The secret key: the hex bytes, or SHA-256 of the passphrase (UTF-8); null when none is set. */
        public byte[] key() {
            if (keyHex != null && !keyHex.isBlank()) {
                return java.util.HexFormat.of().parseHex(keyHex.trim());
            }
            if (passphrase != null && !passphrase.isEmpty()) {
                try {
                    return java.security.MessageDigest.getInstance("SHA-256")
                            .digest(passphrase.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException("SHA-256 is required by every Java platform", e);
                }
            }
            return null;
        }
    }

    /** Signing mode of an endpoint. */
    public enum SigningMode { ACCEPT_UNSIGNED, REQUIRE_SIGNED }

    /** Link state timing: stale after this long without HEARTBEAT, then offline. */
    public record Link(double staleAfterSeconds, double offlineAfterSeconds) {
        public static Link defaults() {
            return new Link(3, 10);
        }
    }

    /** A message rate to request: {@code message} is a MAVLink message name or numeric id. */
    public record StreamRate(String message, double rateHz) {
    }

    /** Commands sent to drones (COMMAND_LONG): wait this long for COMMAND_ACK, resend this often. */
    public record Commands(int ackTimeoutMillis, int retries) {
        public static Commands defaults() {
            return new Commands(1000, 3);
        }
    }

    public static MavlinkConfig defaults() {
        return new MavlinkConfig(List.of(
                new Endpoint("udp", Transport.UDP, "0.0.0.0", 14550),
                new Endpoint("tcp", Transport.TCP, "0.0.0.0", 5760)),
                Map.of(), Link.defaults(), List.of(), Commands.defaults());
    }

    /** Returns a copy with other endpoints (the demo and tests pick their own ports). */
    public MavlinkConfig withEndpoints(List<Endpoint> newEndpoints) {
        return new MavlinkConfig(newEndpoints, names, link, streamRates, commands);
    }

    void validate(Problems p) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint e = endpoints.get(i);
            String path = "mavlink.endpoints[" + i + "]";
            if (p.check(e.name() != null && e.name().matches("[A-Za-z0-9_-]{1,32}"), path + ".name",
                    "is required: 1-32 characters of A-Z a-z 0-9 _ -")) {
                p.check(seen.add(e.name()), path + ".name", "'" + e.name() + "' is used by another endpoint");
            }
            p.check(e.transport() != null, path + ".transport", "must be UDP or TCP");
            p.checkPort(e.port(), path + ".port");
            validateSigning(e.signing(), path + ".signing", p);
        }
        names.forEach((key, id) -> {
            p.check(key.matches("([A-Za-z0-9_-]+/)?\\d{1,3}"), "mavlink.names." + key,
                    "key must be 'sysid' or 'endpoint/sysid'");
            p.check(id != null && id.matches("[A-Za-z0-9_-]{1,64}"), "mavlink.names." + key,
                    "drone id must be 1-64 characters of A-Z a-z 0-9 _ -, was '" + id + "'");
        });
        p.checkPositive(link.staleAfterSeconds(), "mavlink.link.staleAfterSeconds");
        p.check(link.offlineAfterSeconds() > link.staleAfterSeconds(), "mavlink.link.offlineAfterSeconds",
                "must be greater than staleAfterSeconds");
        for (int i = 0; i < streamRates.size(); i++) {
            StreamRate r = streamRates.get(i);
            String path = "mavlink.streamRates[" + i + "]";
            p.check(r.message() != null && !r.message().isBlank(), path + ".message", "is required");
            p.check(r.rateHz() >= 0 && r.rateHz() <= 1000, path + ".rateHz",
                    "must be 0..1000 (0 stops the message), was " + r.rateHz());
        }
        p.checkPositive(commands.ackTimeoutMillis(), "mavlink.commands.ackTimeoutMillis");
        p.check(commands.retries() >= 0 && commands.retries() <= 10, "mavlink.commands.retries", "must be 0..10");
    }

    private static void validateSigning(Signing s, String path, Problems p) {
        boolean hasHex = s.keyHex() != null && !s.keyHex().isBlank();
        boolean hasPass = s.passphrase() != null && !s.passphrase().isEmpty();
        p.check(!(hasHex && hasPass), path, "set keyHex or passphrase, not both");
        if (hasHex) {
            p.check(s.keyHex().trim().matches("[0-9A-Fa-f]{64}"), path + ".keyHex", "must be 64 hex digits (32 bytes)");
        }
        p.check(s.mode() != SigningMode.REQUIRE_SIGNED || hasHex || hasPass, path,
                "REQUIRE_SIGNED needs keyHex or passphrase");
    }
}
