package org.skypatrol.protocols.rtsp;

/**
 * Hard limits applied while decoding RTSP from the network, so memory per connection is bounded
 * whatever a peer sends (FAULTS V5/V6; gortsplib applies the same kind of limits).
 *
 * @param maxLineBytes   longest request/status/header line, CRLF excluded (default 2048)
 * @param maxHeaders     most header lines in one message (default 64)
 * @param maxBodyBytes   largest Content-Length accepted (default 128 KiB)
 */
public record RtspLimits(int maxLineBytes, int maxHeaders, int maxBodyBytes) {

    public static final RtspLimits DEFAULT = new RtspLimits(2048, 64, 128 * 1024);

    public RtspLimits {
        if (maxLineBytes < 64 || maxHeaders < 1 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("unreasonable RTSP limits");
        }
    }

    /** The largest header block (request line + headers + CRLFs) these limits can allow. */
    public int maxHeaderBlockBytes() {
        return (maxHeaders + 1) * (maxLineBytes + 2) + 2;
    }
}
