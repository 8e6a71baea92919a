package org.skypatrol.gateway.video;

import java.io.ByteArrayOutputStream;

/**
 * Converts H.264 from the MP4 form (ISO/IEC 14496-15: length-prefixed NAL units, SPS/PPS in the
 * {@code avcC} record) to the Annex-B byte stream our recorder writes, so file sources and RTSP
 * sources share one path. Packets already in Annex-B pass through.
 */
final class AnnexB {

    private static final byte[] START = {0, 0, 0, 1};

    private final int lengthSize;
    private final byte[] parameterSets;

    private AnnexB(int lengthSize, byte[] parameterSets) {
        this.lengthSize = lengthSize;
        this.parameterSets = parameterSets;
    }

    /** A converter for a stream with this codec extradata; {@code lengthSize} 0 means Annex-B already. */
    static AnnexB forExtradata(byte[] extradata) {
        if (extradata == null || extradata.length < 7 || extradata[0] != 1) {
            return new AnnexB(0, new byte[0]);
        }
        int lengthSize = (extradata[4] & 0x03) + 1;
        ByteArrayOutputStream ps = new ByteArrayOutputStream();
        int pos = 5;
        int numSps = extradata[pos++] & 0x1F;
        pos = copySets(extradata, pos, numSps, ps);
        if (pos >= 0 && pos < extradata.length) {
            int numPps = extradata[pos++] & 0xFF;
            pos = copySets(extradata, pos, numPps, ps);
        }
        return new AnnexB(lengthSize, pos < 0 ? new byte[0] : ps.toByteArray());
    }

    private static int copySets(byte[] d, int pos, int count, ByteArrayOutputStream out) {
        for (int i = 0; i < count; i++) {
            if (pos < 0 || pos + 2 > d.length) {
                return -1;
            }
            int len = ((d[pos] & 0xFF) << 8) | (d[pos + 1] & 0xFF);
            pos += 2;
            if (pos + len > d.length) {
                return -1;
            }
            out.writeBytes(START);
            out.write(d, pos, len);
            pos += len;
        }
        return pos;
    }

    /** Annex-B bytes for one packet; keyframes get the parameter sets in front. Null if malformed. */
    byte[] convert(byte[] packet, boolean keyframe) {
        if (lengthSize == 0) {
            return packet;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(packet.length + parameterSets.length + 16);
        if (keyframe) {
            out.writeBytes(parameterSets);
        }
        int pos = 0;
        while (pos + lengthSize <= packet.length) {
            long len = 0;
            for (int i = 0; i < lengthSize; i++) {
                len = (len << 8) | (packet[pos + i] & 0xFF);
            }
            pos += lengthSize;
            if (len > packet.length - pos) {
                return null;
            }
            out.writeBytes(START);
            out.write(packet, pos, (int) len);
            pos += (int) len;
        }
        return pos == packet.length ? out.toByteArray() : null;
    }

}
