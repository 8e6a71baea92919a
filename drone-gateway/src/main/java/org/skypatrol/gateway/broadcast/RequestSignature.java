package org.skypatrol.gateway.broadcast;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The app-level signature of a broadcast request (FAULTS L4): HMAC-SHA256, hex, over the
 * canonical string {@code commandId|droneId|text|clipId|volume|repeat|loop|priority} (null as an
 * empty field). It is a second gate behind the broker ACL: a client that may publish on the
 * command topic still cannot make a drone speak without a key the gateway knows.
 */
public final class RequestSignature {

    private final List<byte[]> keys;

    public RequestSignature(List<String> keys) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** True when no key is configured: signatures are not required. */
    public boolean disabled() {
        return keys.isEmpty();
    }

    public boolean verify(BroadcastRequest r) {
        if (disabled()) {
            return true;
        }
        if (r.signature() == null || !r.signature().matches("[0-9a-fA-F]{64}")) {
            return false;
        }
        byte[] given = HexFormat.of().parseHex(r.signature().toLowerCase(java.util.Locale.ROOT));
        for (byte[] key : keys) {
            if (MessageDigest.isEqual(mac(key, canonical(r)), given)) {
                return true;
            }
        }
        return false;
    }

    /** The hex signature of {@code r} under {@code key} (used by clients such as the CLI). */
    public static String sign(BroadcastRequest r, String key) {
        return HexFormat.of().formatHex(mac(key.getBytes(StandardCharsets.UTF_8), canonical(r)));
    }

    static String canonical(BroadcastRequest r) {
        return String.join("|", r.commandId(), r.droneId(), r.text() == null ? "" : r.text(),
                r.clipId() == null ? "" : r.clipId().toString(), Integer.toString(r.volumePercent()),
                Integer.toString(r.repeat()), Boolean.toString(r.loop()), Integer.toString(r.priority()));
    }

    private static byte[] mac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
