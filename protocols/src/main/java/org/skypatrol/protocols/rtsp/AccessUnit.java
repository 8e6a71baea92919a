package org.skypatrol.protocols.rtsp;

/**
 * One coded picture as an Annex-B byte stream (start code {@code 00 00 00 01} before each NAL).
 *
 * @param pts90k    presentation time in 90 kHz units, unwrapped from the 32-bit RTP timestamp and
 *                  counted from the stream's first access unit
 * @param keyframe  true when it holds an IDR slice (H.264 type 5; H.265 types 16..21) and the
 *                  parameter sets needed to decode it
 * @param data      Annex-B bytes
 */
public record AccessUnit(long pts90k, boolean keyframe, byte[] data) {
}
