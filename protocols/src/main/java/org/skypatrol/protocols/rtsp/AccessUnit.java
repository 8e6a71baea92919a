package org.skypatrol.protocols.rtsp;

/**
 * One coded picture as an Annex-B byte stream (start code {@code 00 00 00 01} before each NAL).
 *
 * @param pts90k    presentation time in 90 kHz units, unwrapped from the 32-bit RTP timestamp and
 *                  counted from the stream's first access unit
 * @param keyframe  true when it holds an IDR slice (H.264 type 5; H.265 types 16..21) and the
 *                  parameter sets needed to decode it
 * @param data      Annex-B bytes
 * @param dts90k    decoding time in the same units; equal to {@code pts90k} when unknown (RTP carries
 *                  no decoding time, RFC 6184 §5.1) or when the stream has no B-frames
 */
public record AccessUnit(long pts90k, boolean keyframe, byte[] data, long dts90k) {

    /** An access unit whose decoding time is its presentation time. */
    public AccessUnit(long pts90k, boolean keyframe, byte[] data) {
        this(pts90k, keyframe, data, pts90k);
    }
}
