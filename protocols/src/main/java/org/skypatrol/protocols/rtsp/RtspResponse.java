package org.skypatrol.protocols.rtsp;

import java.nio.charset.StandardCharsets;

/** An RTSP response (RFC 2326 §7) written by {@link RtspResponseEncoder}. */
public record RtspResponse(int status, String reason, RtspHeaders headers, byte[] body) {

    public static RtspResponse of(int status, int cseq, String... extraHeaders) {
        RtspHeaders h = RtspHeaders.of(extraHeaders);
        if (cseq >= 0) {
            h = RtspHeaders.of("CSeq", Integer.toString(cseq)).withAll(h);
        }
        return new RtspResponse(status, reasonPhrase(status), h, new byte[0]);
    }

    /** Standard reason phrases for the codes we send (RFC 2326 §7.1.1). */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request-URI Too Large";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 454 -> "Session Not Found";
            case 455 -> "Method Not Valid In This State";
            case 459 -> "Aggregate Operation Not Allowed";
            case 461 -> "Unsupported Transport";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "RTSP Version Not Supported";
            default -> "Error";
        };
    }

    public String text() {
        StringBuilder sb = new StringBuilder("RTSP/1.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (RtspHeaders.Field f : headers.fields()) {
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        if (body.length > 0) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString();
    }

    public byte[] bytes() {
        byte[] head = text().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
