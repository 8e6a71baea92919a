package org.skypatrol.gateway.video;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A minimal MPEG-2 transport stream muxer (ISO/IEC 13818-1) for one H.264 or H.265 video
 * elementary stream: PAT and PMT before every keyframe, one PES per access unit with a PTS, and a
 * PCR on each PES start. Access units are written whole, in 188-byte packets, so a file cut at any
 * packet boundary (kill -9, disk full) stays playable up to that point. Packets are copied
 * without re-encoding.
 *
 * <p>Timestamps: {@code pts90k} is the stream's own 90 kHz time; the muxer adds a fixed offset so
 * the PCR (100 ms earlier) never goes negative, and wraps at 2^33 as the standard requires (§2.4.3.7).
 * A DTS is written when it differs from the PTS (B-frames, file sources); RTP input has no DTS, so it
 * gets PTS only, which is what FFmpeg itself writes for RTP input.
 */
public final class TsMuxer {

    static final int PACKET = 188;
    static final int PMT_PID = 0x1000;
    static final int VIDEO_PID = 0x0100;
    private static final long PTS_OFFSET = 126_000; // 1.4 s, as FFmpeg's muxer starts
    private static final long PCR_LEAD = 9_000;     // PCR 100 ms before the PTS

    private final OutputStream out;
    private final int streamType;
    private final byte[] packet = new byte[PACKET];
    private int patCc;
    private int pmtCc;
    private int videoCc;

    /** @param h265 true for HEVC (stream_type 0x24), false for AVC (0x1B) */
    public TsMuxer(OutputStream out, boolean h265) {
        this.out = out;
        this.streamType = h265 ? 0x24 : 0x1B;
    }

    /** Writes one access unit (Annex-B bytes); tables first when it is a keyframe or the first unit. */
    public void write(long pts90k, long dts90k, boolean keyframe, byte[] annexB, boolean first) throws IOException {
        if (keyframe || first) {
            writeTables();
        }
        long pts = (pts90k + PTS_OFFSET) & 0x1_FFFF_FFFFL;
        long dts = (dts90k + PTS_OFFSET) & 0x1_FFFF_FFFFL;
        long pcr = (dts - PCR_LEAD) & 0x1_FFFF_FFFFL;
        byte[] pesHeader = dts == pts ? pesHeader(pts) : pesHeader(pts, dts);
        byte[] pes = new byte[pesHeader.length + annexB.length];
        System.arraycopy(pesHeader, 0, pes, 0, pesHeader.length);
        System.arraycopy(annexB, 0, pes, pesHeader.length, annexB.length);
        int written = 0;
        boolean start = true;
        while (written < pes.length) {
            int minAdaptation = start ? 8 : 0; // length byte + flags + 6 PCR bytes
            int payload = Math.min(PACKET - 4 - minAdaptation, pes.length - written);
            int adaptation = PACKET - 4 - payload; // the rest is adaptation field (stuffing)
            packet[0] = 0x47;
            packet[1] = (byte) ((start ? 0x40 : 0) | (VIDEO_PID >> 8));
            packet[2] = (byte) VIDEO_PID;
            packet[3] = (byte) ((adaptation > 0 ? 0x30 : 0x10) | (videoCc++ & 0x0F));
            int pos = 4;
            if (adaptation > 0) {
                packet[pos++] = (byte) (adaptation - 1);
                if (adaptation > 1) {
                    packet[pos++] = (byte) ((start ? 0x10 : 0) | (start && keyframe ? 0x40 : 0));
                    if (start) {
                        pos = writePcr(pcr, pos);
                    }
                    while (pos < 4 + adaptation) {
                        packet[pos++] = (byte) 0xFF;
                    }
                }
            }
            System.arraycopy(pes, written, packet, pos, payload);
            written += payload;
            out.write(packet, 0, PACKET);
            start = false;
        }
    }

    /** PES header with PTS and DTS (PTS_DTS_flags '11'), for streams with B-frames. */
    private static byte[] pesHeader(long pts, long dts) {
        return new byte[] {
            0, 0, 1, (byte) 0xE0, 0, 0,
            (byte) 0x80, (byte) 0xC0, 10,
            (byte) (0x31 | ((pts >> 29) & 0x0E)),
            (byte) (pts >> 22), (byte) (((pts >> 14) & 0xFE) | 1),
            (byte) (pts >> 7), (byte) (((pts << 1) & 0xFE) | 1),
            (byte) (0x11 | ((dts >> 29) & 0x0E)),
            (byte) (dts >> 22), (byte) (((dts >> 14) & 0xFE) | 1),
            (byte) (dts >> 7), (byte) (((dts << 1) & 0xFE) | 1),
        };
    }

    private int writePcr(long pcrBase, int pos) {
        packet[pos++] = (byte) (pcrBase >> 25);
        packet[pos++] = (byte) (pcrBase >> 17);
        packet[pos++] = (byte) (pcrBase >> 9);
        packet[pos++] = (byte) (pcrBase >> 1);
        packet[pos++] = (byte) (((pcrBase & 1) << 7) | 0x7E); // 6 reserved bits, extension high bit 0
        packet[pos++] = 0;
        return pos;
    }

    /** PES header with PTS only, PES_packet_length 0 (unbounded, allowed for video, §2.4.3.7). */
    private static byte[] pesHeader(long pts) {
        return new byte[] {
            0, 0, 1, (byte) 0xE0, 0, 0,
            (byte) 0x80, (byte) 0x80, 5,
            (byte) (0x21 | ((pts >> 29) & 0x0E)),
            (byte) (pts >> 22), (byte) (((pts >> 14) & 0xFE) | 1),
            (byte) (pts >> 7), (byte) (((pts << 1) & 0xFE) | 1),
        };
    }

    private void writeTables() throws IOException {
        // PAT (§2.4.4.3): program 1 -> PMT PID
        byte[] pat = {
            0x00, (byte) 0xB0, 0x0D, 0x00, 0x01, (byte) 0xC1, 0x00, 0x00,
            0x00, 0x01, (byte) (0xE0 | (PMT_PID >> 8)), (byte) PMT_PID,
        };
        writeSection(0, pat, patCc++);
        // PMT (§2.4.4.8): PCR on the video PID, one elementary stream
        byte[] pmt = {
            0x02, (byte) 0xB0, 0x12, 0x00, 0x01, (byte) 0xC1, 0x00, 0x00,
            (byte) (0xE0 | (VIDEO_PID >> 8)), (byte) VIDEO_PID, (byte) 0xF0, 0x00,
            (byte) streamType, (byte) (0xE0 | (VIDEO_PID >> 8)), (byte) VIDEO_PID, (byte) 0xF0, 0x00,
        };
        writeSection(PMT_PID, pmt, pmtCc++);
    }

    private void writeSection(int pid, byte[] section, int cc) throws IOException {
        int crc = crc32(section);
        packet[0] = 0x47;
        packet[1] = (byte) (0x40 | (pid >> 8));
        packet[2] = (byte) pid;
        packet[3] = (byte) (0x10 | (cc & 0x0F));
        packet[4] = 0; // pointer field
        System.arraycopy(section, 0, packet, 5, section.length);
        int pos = 5 + section.length;
        packet[pos++] = (byte) (crc >> 24);
        packet[pos++] = (byte) (crc >> 16);
        packet[pos++] = (byte) (crc >> 8);
        packet[pos++] = (byte) crc;
        while (pos < PACKET) {
            packet[pos++] = (byte) 0xFF;
        }
        out.write(packet, 0, PACKET);
    }

    /** CRC-32/MPEG-2 (poly 0x04C11DB7, init all ones, no reflection, Annex A). */
    static int crc32(byte[] data) {
        int crc = 0xFFFFFFFF;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 24;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }
}
