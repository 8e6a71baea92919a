package org.skypatrol.protocols.mavlink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte MAVLink 2 signing secret (https://mavlink.io/en/guide/message_signing.html#secret_key).
 * {@link #toString()} never shows the key.
 */
public final class MavlinkSigningKey {

    private final byte[] secret;

    private MavlinkSigningKey(byte[] secret) {
        if (secret.length != 32) {
            throw new IllegalArgumentException("a MAVLink signing key has 32 bytes, got " + secret.length);
        }
        this.secret = secret.clone();
    }

    /** A key from its 32 raw bytes. */
    public static MavlinkSigningKey of(byte[] secret) {
        return new MavlinkSigningKey(secret);
    }

    /** A key from 64 hex digits. */
    public static MavlinkSigningKey fromHex(String hex) {
        return new MavlinkSigningKey(HexFormat.of().parseHex(hex.trim()));
    }

    /** SHA-256 of the UTF-8 passphrase, as Mission Planner and node-mavlink derive keys. */
    public static MavlinkSigningKey fromPassphrase(String passphrase) {
        return new MavlinkSigningKey(sha256().digest(passphrase.getBytes(StandardCharsets.UTF_8)));
    }

    /** 64 hex digits are a raw key, anything else a passphrase. */
    public static MavlinkSigningKey parse(String keyOrPassphrase) {
        String trimmed = keyOrPassphrase.trim();
        if (trimmed.matches("[0-9a-fA-F]{64}")) {
            return fromHex(trimmed);
        }
        return fromPassphrase(keyOrPassphrase);
    }

    /**
     * The 48-bit signature: the first 6 bytes of SHA-256(secret + frame up to and including the
     * link id and timestamp), as an unsigned little-endian value (message_signing.html#signature).
     */
    public long sign(byte[] signedPart, int offset, int length) {
        MessageDigest digest = sha256();
        digest.update(secret);
        digest.update(signedPart, offset, length);
        byte[] hash = digest.digest();
        long value = 0;
        for (int i = 5; i >= 0; i--) {
            value = (value << 8) | (hash[i] & 0xFF);
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MavlinkSigningKey k && MessageDigest.isEqual(secret, k.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "MavlinkSigningKey[redacted]";
    }
}
