package org.skypatrol.protocols.rtsp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns RTP packets of one H.264 (RFC 6184) or H.265 (RFC 7798) stream into access units.
 *
 * <p>Supported payload structures: single NAL unit packets (RFC 6184 §5.6; RFC 7798 §4.4.1),
 * aggregation packets STAP-A (§5.7.1; H.265 AP §4.4.2) and fragmentation units FU-A (§5.8; H.265 FU
 * §4.4.3). STAP-B, MTAP and FU-B (interleaved mode) are counted and dropped. An access unit ends at
 * the RTP marker bit (§5.1) or when the timestamp changes. A sequence gap discards the fragment being
 * reassembled and marks the access unit damaged; damaged units are dropped and counted, so the
 * recorder never writes a picture with a hole in it. Parameter sets from the SDP are prepended to
 * every keyframe that lacks them, so each keyframe starts a decodable segment. A keyframe is a random
 * access point: an IDR picture (H.265: any IRAP, IDR/CRA/BLA), or in H.264 an access unit carrying a
 * recovery point SEI message (H.264 D.1.8/D.2.8). Encoders using intra refresh (periodic intra
 * columns instead of IDR pictures, common for low-latency drone links) send an IDR only once, at the
 * start: a receiver that joins later would otherwise never see a keyframe, record or decode nothing.
 * Not thread-safe: one instance per stream, fed from one thread.
 */
public final class H264Depacketizer {

    /** Codec of the stream. */
    public enum Codec { H264, H265 }

    private static final byte[] START_CODE = {0, 0, 0, 1};
    private static final int MAX_ACCESS_UNIT_BYTES = 8 * 1024 * 1024;

    private final Codec codec;
    private final List<byte[]> parameterSets = new ArrayList<>();
    private final List<byte[]> nals = new ArrayList<>();
    private ByteArrayOutputStream fragment;
    private int auBytes;
    private boolean auDamaged;
    private long auTimestamp = -1;
    private long auPts;
    private int expectedSeq = -1;
    private long lastTimestamp = -1;
    private long extendedBase;
    private long firstExtended = Long.MIN_VALUE;

    private long packets;
    private long lostPackets;
    private long badPackets;
    private long droppedAccessUnits;

    public H264Depacketizer(Codec codec, List<byte[]> sdpParameterSets) {
        this.codec = codec;
        this.parameterSets.addAll(sdpParameterSets);
    }

    /** Feeds one packet; returns the access units it completed (usually none or one). */
    public List<AccessUnit> push(RtpPacket p) {
        packets++;
        List<AccessUnit> out = new ArrayList<>(1);
        if (expectedSeq >= 0 && p.sequence() != expectedSeq) {
            lostPackets += (p.sequence() - expectedSeq) & 0xFFFF;
            fragment = null;
            auDamaged = true;
        }
        expectedSeq = (p.sequence() + 1) & 0xFFFF;
        long pts = unwrap(p.timestamp());
        if (auTimestamp >= 0 && p.timestamp() != auTimestamp) {
            flush(out);
        }
        auTimestamp = p.timestamp();
        auPts = pts;
        if (!payload(p.payload())) {
            badPackets++;
            auDamaged = true;
        }
        if (p.marker()) {
            flush(out);
        }
        return out;
    }

    private boolean payload(byte[] pl) {
        int headerLen = codec == Codec.H264 ? 1 : 2;
        if (pl.length < headerLen) {
            return false;
        }
        int type = nalType(pl, 0);
        int aggregation = codec == Codec.H264 ? 24 : 48;
        int fu = codec == Codec.H264 ? 28 : 49;
        if (type == aggregation) {
            return aggregation(pl, headerLen);
        } else if (type == fu) {
            return fragmentation(pl, headerLen);
        } else if (codec == Codec.H264 ? type >= 1 && type <= 23 : type < 48) {
            addNal(pl);
            return true;
        }
        return false; // STAP-B, MTAP16/24, FU-B, PACI or reserved
    }

    private boolean aggregation(byte[] pl, int offset) {
        int i = offset;
        boolean any = false;
        while (i + 2 <= pl.length) {
            int size = ((pl[i] & 0xFF) << 8) | (pl[i + 1] & 0xFF);
            i += 2;
            if (size == 0 || i + size > pl.length) {
                return false;
            }
            byte[] nal = new byte[size];
            System.arraycopy(pl, i, nal, 0, size);
            addNal(nal);
            any = true;
            i += size;
        }
        return any && i == pl.length;
    }

    private boolean fragmentation(byte[] pl, int headerLen) {
        if (pl.length < headerLen + 2) {
            return false;
        }
        int fuHeader = pl[headerLen] & 0xFF;
        boolean start = (fuHeader & 0x80) != 0;
        boolean end = (fuHeader & 0x40) != 0;
        if (start) {
            fragment = new ByteArrayOutputStream();
            if (codec == Codec.H264) {
                fragment.write((pl[0] & 0xE0) | (fuHeader & 0x1F));
            } else {
                fragment.write((pl[0] & 0x81) | ((fuHeader & 0x3F) << 1));
                fragment.write(pl[1]);
            }
        } else if (fragment == null) {
            return true; // continuation of a fragment whose start was lost: already counted as a gap
        }
        fragment.write(pl, headerLen + 1, pl.length - headerLen - 1);
        if (fragment.size() > MAX_ACCESS_UNIT_BYTES) {
            fragment = null;
            return false;
        }
        if (end) {
            addNal(fragment.toByteArray());
            fragment = null;
        }
        return true;
    }

    private void addNal(byte[] nal) {
        if (isParameterSet(nalType(nal, 0))) {
            rememberParameterSet(nal);
        }
        auBytes += nal.length + 4;
        nals.add(nal);
    }

    private void flush(List<AccessUnit> out) {
        if (nals.isEmpty() && !auDamaged) {
            return;
        }
        if (auDamaged || nals.isEmpty() || auBytes > MAX_ACCESS_UNIT_BYTES) {
            droppedAccessUnits++;
        } else {
            out.add(build());
        }
        nals.clear();
        auBytes = 0;
        auDamaged = false;
        fragment = null;
    }

    private AccessUnit build() {
        boolean randomAccess = false;
        boolean hasParams = false;
        for (byte[] nal : nals) {
            int t = nalType(nal, 0);
            randomAccess |= isIdr(t) || codec == Codec.H264 && t == 6 && hasRecoveryPoint(nal);
            hasParams |= isParameterSet(t);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(auBytes + 256);
        if (randomAccess && !hasParams) {
            for (byte[] ps : parameterSets) {
                bytes.writeBytes(START_CODE);
                bytes.writeBytes(ps);
            }
        }
        for (byte[] nal : nals) {
            bytes.writeBytes(START_CODE);
            bytes.writeBytes(nal);
        }
        boolean decodable = randomAccess && (hasParams || !parameterSets.isEmpty());
        return new AccessUnit(auPts, decodable, bytes.toByteArray());
    }

    /**
     * Whether an H.264 SEI NAL unit holds a recovery point message (payloadType 6): walks the
     * sei_message()s of H.264 7.3.2.3.1 (type and size each coded as 0xFF bytes plus a last byte) over
     * the RBSP, emulation prevention bytes (00 00 03) removed. A malformed SEI is simply not one.
     */
    static boolean hasRecoveryPoint(byte[] nal) {
        byte[] rbsp = new byte[nal.length];
        int n = 0;
        int zeros = 0;
        for (int i = 1; i < nal.length; i++) {
            int b = nal[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            rbsp[n++] = (byte) b;
        }
        int[] at = {0};
        while (at[0] < n && (rbsp[at[0]] & 0xFF) != 0x80) {  // 0x80: rbsp_trailing_bits, no more messages
            int type = ffCoded(rbsp, n, at);
            int size = ffCoded(rbsp, n, at);
            if (type < 0 || size < 0) {
                return false;
            }
            if (type == 6) {
                return true;
            }
            at[0] += size;
        }
        return false;
    }

    /** An SEI payload type or size at {@code at[0]}: 0xFF bytes of 255 each plus a last byte; -1 past the end. */
    private static int ffCoded(byte[] rbsp, int n, int[] at) {
        int value = 0;
        while (at[0] < n && (rbsp[at[0]] & 0xFF) == 0xFF) {
            value += 255;
            at[0]++;
        }
        return at[0] < n ? value + (rbsp[at[0]++] & 0xFF) : -1;
    }

    /** Extends the 32-bit RTP timestamp across wraps (RFC 3550 §5.1) and counts from the first packet. */
    private long unwrap(long ts) {
        if (lastTimestamp >= 0) {
            long delta = ts - lastTimestamp;
            if (delta < -(1L << 31)) {
                extendedBase += 1L << 32;
            } else if (delta > (1L << 31)) {
                extendedBase -= 1L << 32;
            }
        }
        lastTimestamp = ts;
        long extended = extendedBase + ts;
        if (firstExtended == Long.MIN_VALUE) {
            firstExtended = extended;
        }
        return extended - firstExtended;
    }

    private void rememberParameterSet(byte[] nal) {
        int type = nalType(nal, 0);
        parameterSets.removeIf(ps -> nalType(ps, 0) == type);
        parameterSets.add(nal);
        parameterSets.sort((a, b) -> Integer.compare(order(nalType(a, 0)), order(nalType(b, 0))));
    }

    private int order(int type) {
        return codec == Codec.H264 ? (type == 7 ? 0 : 1) : type;
    }

    private int nalType(byte[] nal, int offset) {
        return codec == Codec.H264 ? nal[offset] & 0x1F : (nal[offset] >> 1) & 0x3F;
    }

    private boolean isParameterSet(int type) {
        return codec == Codec.H264 ? type == 7 || type == 8 : type >= 32 && type <= 34;
    }

    private boolean isIdr(int type) {
        return codec == Codec.H264 ? type == 5 : type >= 16 && type <= 21;
    }

    public long packets() {
        return packets;
    }

    public long lostPackets() {
        return lostPackets;
    }

    public long badPackets() {
        return badPackets;
    }

    public long droppedAccessUnits() {
        return droppedAccessUnits;
    }
}
