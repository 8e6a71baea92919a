package org.skypatrol.protocols.rtsp;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/** One RTSP request (RFC 2326 §6): method, URI, version, headers and an optional body. */
public record RtspRequest(String method, String uri, String version, RtspHeaders headers, byte[] body)
        implements RtspInbound {

    /** The CSeq header as a number, if present and valid (RFC 2326 §12.17). */
    public OptionalInt cseq() {
        return headers.get("CSeq").map(String::trim).filter(s -> s.matches("\\d{1,9}"))
                .map(s -> OptionalInt.of(Integer.parseInt(s))).orElse(OptionalInt.empty());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
