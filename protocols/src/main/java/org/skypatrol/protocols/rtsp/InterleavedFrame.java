package org.skypatrol.protocols.rtsp;

/**
 * An interleaved binary frame on the RTSP TCP connection (RFC 2326 §10.12): {@code '$'}, a one-byte
 * channel id and a two-byte big-endian length, then the RTP or RTCP packet (copied: no refcount to
 * release).
 */
public record InterleavedFrame(int channel, byte[] payload) implements RtspInbound {
}
