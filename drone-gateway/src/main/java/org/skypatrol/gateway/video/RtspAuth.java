package org.skypatrol.gateway.video;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.skypatrol.gateway.config.VideoConfig.AuthMode;
import org.skypatrol.protocols.rtsp.RtspRequest;

/**
 * RTSP authentication for publishers: Basic (RFC 7617) or Digest (RFC 2617 without qop, as RTSP
 * clients such as FFmpeg and GStreamer send it, RFC 2326 §D.2). Comparisons are constant-time.
 * One instance per connection, because the Digest nonce belongs to the connection.
 */
public final class RtspAuth {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]*))");

    private final AuthMode mode;
    private final String username;
    private final String password;
    private final String realm;
    private final String nonce;

    public RtspAuth(AuthMode mode, String username, String password, String realm) {
        this.mode = mode;
        this.username = username;
        this.password = password;
        this.realm = realm;
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        this.nonce = HexFormat.of().formatHex(n);
    }

    public boolean required() {
        return mode != AuthMode.NONE;
    }

    /** The WWW-Authenticate value of a 401 response. */
    public String challenge() {
        return mode == AuthMode.BASIC ? "Basic realm=\"" + realm + "\""
                : "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\"";
    }

    /** True when the request carries valid credentials (or none are required). */
    public boolean accepts(RtspRequest r) {
        if (mode == AuthMode.NONE) {
            return true;
        }
        String header = r.headers().get("Authorization").orElse("");
        if (mode == AuthMode.BASIC) {
            if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return false;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(header.substring(6).trim());
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(given, (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        if (!header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(header.substring(7));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String uri = p.getOrDefault("uri", "");
        if (!username.equals(p.get("username")) || !nonce.equals(p.get("nonce")) || !realm.equals(p.get("realm"))) {
            return false;
        }
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(r.method() + ":" + uri);
        String expected = md5(ha1 + ":" + nonce + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.getOrDefault("response", "").getBytes(StandardCharsets.US_ASCII));
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
