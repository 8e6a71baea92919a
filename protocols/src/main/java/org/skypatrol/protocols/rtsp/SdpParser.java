package org.skypatrol.protocols.rtsp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a session description (RFC 8866 §5) strictly enough to reject garbage: it must start with
 * {@code v=0}, every line must be {@code <letter>=<value>}, and each {@code m=} line must name a
 * port, a protocol and a numeric payload type. Unknown attributes are ignored (§5.13).
 */
public final class SdpParser {

    private static final int MAX_MEDIA = 16;

    private SdpParser() {
    }

    public static Sdp parse(String text) throws SdpException {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().equals("v=0")) {
            throw new SdpException("SDP must start with v=0");
        }
        String sessionControl = "";
        List<Builder> media = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
                throw new SdpException("line " + (n + 1) + " is not <type>=<value>");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (media.size() == MAX_MEDIA) {
                    throw new SdpException("more than " + MAX_MEDIA + " media descriptions");
                }
                media.add(Builder.fromMediaLine(value, n + 1));
            } else if (type == 'a') {
                Builder current = media.isEmpty() ? null : media.get(media.size() - 1);
                if (current == null) {
                    if (value.startsWith("control:")) {
                        sessionControl = value.substring("control:".length()).trim();
                    }
                } else {
                    current.attribute(value, n + 1);
                }
            }
        }
        List<Sdp.Media> built = new ArrayList<>();
        for (Builder b : media) {
            built.add(b.build());
        }
        return new Sdp(sessionControl, built);
    }

    private static final class Builder {
        final String type;
        final int payloadType;
        String encoding = "";
        int clockRate;
        final Map<String, String> fmtp = new HashMap<>();
        String control = "";

        Builder(String type, int payloadType) {
            this.type = type;
            this.payloadType = payloadType;
        }

        static Builder fromMediaLine(String value, int lineNo) throws SdpException {
            String[] f = value.trim().split("\\s+");
            if (f.length < 4 || !f[1].matches("\\d{1,5}(/\\d{1,3})?") || !f[3].matches("\\d{1,3}")
                    || Integer.parseInt(f[3]) > 127) {
                throw new SdpException("line " + lineNo + ": bad media line");
            }
            return new Builder(f[0], Integer.parseInt(f[3]));
        }

        void attribute(String value, int lineNo) throws SdpException {
            if (value.startsWith("rtpmap:")) {
                String[] f = value.substring(7).trim().split("\\s+", 2);
                if (f.length != 2 || !f[0].matches("\\d{1,3}")) {
                    throw new SdpException("line " + lineNo + ": bad rtpmap");
                }
                if (Integer.parseInt(f[0]) == payloadType) {
                    String[] enc = f[1].split("/");
                    if (enc.length < 2 || !enc[1].matches("\\d{1,9}")) {
                        throw new SdpException("line " + lineNo + ": rtpmap needs encoding/clock-rate");
                    }
                    encoding = enc[0].toUpperCase(Locale.ROOT);
                    clockRate = Integer.parseInt(enc[1]);
                }
            } else if (value.startsWith("fmtp:")) {
                String[] f = value.substring(5).trim().split("\\s+", 2);
                if (!f[0].matches("\\d{1,3}")) {
                    throw new SdpException("line " + lineNo + ": bad fmtp");
                }
                if (Integer.parseInt(f[0]) == payloadType && f.length == 2) {
                    for (String kv : f[1].split(";")) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) {
                            fmtp.put(kv.substring(0, eq).trim().toLowerCase(Locale.ROOT), kv.substring(eq + 1).trim());
                        }
                    }
                }
            } else if (value.startsWith("control:")) {
                control = value.substring(8).trim();
            }
        }

        Sdp.Media build() {
            return new Sdp.Media(type, payloadType, encoding, clockRate, fmtp, control);
        }
    }
}
