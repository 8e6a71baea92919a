package org.skypatrol.protocols.rtsp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * Pure parser of the server side of an RTSP TCP stream: requests (RFC 2326 §6) and interleaved
 * binary frames (§10.12). {@link #tryParse} never throws on input: it returns a message and consumes
 * its bytes, returns null without consuming when the message is incomplete, or returns
 * {@link RtspInbound.Malformed} (consuming everything) when the input breaks the protocol or the
 * {@link RtspLimits}. Buffering is bounded by the limits: a header block that has not ended within
 * {@link RtspLimits#maxHeaderBlockBytes()} is rejected, and an interleaved frame is at most 65,539 B.
 */
public final class RtspFrameParser {

    private static final byte DOLLAR = '$';

    private final RtspLimits limits;

    public RtspFrameParser(RtspLimits limits) {
        this.limits = limits;
    }

    /** Parses one message from {@code in}, see the class comment. */
    public RtspInbound tryParse(ByteBuf in) {
        if (!in.isReadable()) {
            return null;
        }
        if (in.getByte(in.readerIndex()) == DOLLAR) {
            return tryInterleaved(in);
        }
        return tryRequest(in);
    }

    private static RtspInbound tryInterleaved(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int start = in.readerIndex();
        int channel = in.getUnsignedByte(start + 1);
        int length = in.getUnsignedShort(start + 2);
        if (in.readableBytes() < 4 + length) {
            return null;
        }
        byte[] payload = new byte[length];
        in.getBytes(start + 4, payload);
        in.skipBytes(4 + length);
        return new InterleavedFrame(channel, payload);
    }

    private RtspInbound tryRequest(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        List<String> lines = new ArrayList<>();
        int lineStart = start;
        int headerEnd = -1;
        for (int i = start; i < end; i++) {
            byte b = in.getByte(i);
            if (b == '\n') {
                int lineEnd = i > lineStart && in.getByte(i - 1) == '\r' ? i - 1 : i;
                if (lineEnd - lineStart > limits.maxLineBytes()) {
                    return malformed(in, lines.isEmpty() ? 414 : 431, "line longer than " + limits.maxLineBytes() + " bytes");
                }
                if (lineEnd == lineStart) {
                    if (lines.isEmpty()) { // tolerate stray CRLF between messages (RFC 2326 §15.1 keep-alives)
                        lineStart = i + 1;
                        continue;
                    }
                    headerEnd = i + 1;
                    break;
                }
                if (lines.size() > limits.maxHeaders()) {
                    return malformed(in, 431, "more than " + limits.maxHeaders() + " header lines");
                }
                lines.add(in.toString(lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1));
                lineStart = i + 1;
            } else if (b == 0 || (b < 0x20 && b != '\r' && b != '\t') || b == 0x7f) {
                return malformed(in, 400, "control byte 0x" + Integer.toHexString(b & 0xff) + " in header block");
            } else if (i - lineStart >= limits.maxLineBytes() + 1) {
                return malformed(in, lines.isEmpty() ? 414 : 431, "line longer than " + limits.maxLineBytes() + " bytes");
            }
        }
        if (headerEnd < 0) {
            if (lines.isEmpty() && lineStart > start) {
                in.readerIndex(lineStart); // only blank lines so far: drop them
            }
            return null;
        }
        return parseHead(in, lines, headerEnd);
    }

    private RtspInbound parseHead(ByteBuf in, List<String> lines, int headerEnd) {
        String[] requestLine = lines.get(0).split(" ", -1);
        if (requestLine.length != 3 || !requestLine[0].matches("[A-Z_]{1,32}") || requestLine[1].isEmpty()) {
            return malformed(in, 400, "bad request line");
        }
        if (!requestLine[2].equals("RTSP/1.0")) {
            return malformed(in, 505, "unsupported version " + printable(requestLine[2]));
        }
        List<RtspHeaders.Field> fields = new ArrayList<>(lines.size() - 1);
        long contentLength = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                return malformed(in, 400, "bad header line");
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                if (!value.matches("\\d{1,10}")) {
                    return malformed(in, 400, "bad Content-Length " + printable(value));
                }
                contentLength = Long.parseLong(value);
                if (contentLength > limits.maxBodyBytes()) {
                    return malformed(in, 413, "body of " + contentLength + " bytes exceeds " + limits.maxBodyBytes());
                }
            }
            fields.add(new RtspHeaders.Field(name, value));
        }
        if (in.writerIndex() - headerEnd < contentLength) {
            return null;
        }
        byte[] body = new byte[(int) contentLength];
        in.getBytes(headerEnd, body);
        in.readerIndex(headerEnd + (int) contentLength);
        return new RtspRequest(requestLine[0], requestLine[1], requestLine[2], new RtspHeaders(fields), body);
    }

    private static RtspInbound malformed(ByteBuf in, int status, String reason) {
        in.skipBytes(in.readableBytes());
        return new RtspInbound.Malformed(status, reason);
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
