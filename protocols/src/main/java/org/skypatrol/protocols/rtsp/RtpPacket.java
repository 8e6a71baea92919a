package org.skypatrol.protocols.rtsp;

/**
 * An RTP packet (RFC 3550 §5.1) with its payload copied out; CSRC list and header extension are
 * skipped, padding is removed.
 */
public record RtpPacket(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {

    /** Parses {@code data}, or returns null when it is not a valid RTP version-2 packet. */
    public static RtpPacket parse(byte[] data) {
        if (data.length < 12 || (data[0] & 0xC0) != 0x80) {
            return null;
        }
        boolean padding = (data[0] & 0x20) != 0;
        boolean extension = (data[0] & 0x10) != 0;
        int csrcCount = data[0] & 0x0F;
        int offset = 12 + 4 * csrcCount;
        if (extension) {
            if (data.length < offset + 4) {
                return null;
            }
            int extWords = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
            offset += 4 + 4 * extWords;
        }
        int end = data.length;
        if (padding) {
            int pad = data[data.length - 1] & 0xFF;
            if (pad == 0) {
                return null;
            }
            end -= pad;
        }
        if (end < offset) {
            return null;
        }
        byte[] payload = new byte[end - offset];
        System.arraycopy(data, offset, payload, 0, payload.length);
        return new RtpPacket((data[1] & 0x80) != 0, data[1] & 0x7F,
                ((data[2] & 0xFF) << 8) | (data[3] & 0xFF),
                ((long) (data[4] & 0xFF) << 24) | ((data[5] & 0xFF) << 16) | ((data[6] & 0xFF) << 8) | (data[7] & 0xFF),
                ((long) (data[8] & 0xFF) << 24) | ((data[9] & 0xFF) << 16) | ((data[10] & 0xFF) << 8) | (data[11] & 0xFF),
                payload);
    }

    /** Serialises a minimal header (no CSRC, no extension) and the payload: for tests and simulators. */
    public byte[] toBytes() {
        byte[] out = new byte[12 + payload.length];
        out[0] = (byte) 0x80;
        out[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out[2] = (byte) (sequence >> 8);
        out[3] = (byte) sequence;
        for (int i = 0; i < 4; i++) {
            out[4 + i] = (byte) (timestamp >> (24 - 8 * i));
            out[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, out, 12, payload.length);
        return out;
    }
}
