package org.skypatrol.protocols.rtsp;

/**
 * What {@link RtspStreamDecoder} produces from a TCP byte stream: a request, an interleaved binary
 * frame (RFC 2326 §10.12), or a malformed input that ends the session with an RTSP error status.
 */
public sealed interface RtspInbound permits RtspRequest, InterleavedFrame, RtspInbound.Malformed {

    /**
     * Input that breaks the protocol or our limits. The connection must be answered with
     * {@code status} and closed: after a framing error there is no reliable way to resynchronise.
     */
    record Malformed(int status, String reason) implements RtspInbound {
    }
}
