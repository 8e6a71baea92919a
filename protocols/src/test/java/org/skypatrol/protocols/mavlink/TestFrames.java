package org.skypatrol.protocols.mavlink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Small helpers for building test frames. */
final class TestFrames {

    private TestFrames() {
    }

    static MavlinkFrame heartbeat(MavlinkVersion version, int seq) {
        return MavlinkMessages.toFrame(version, seq, 1, 1, new Heartbeat(2, 3, 81, 4, 3, 3));
    }

    static MavlinkFrame attitude(int seq) {
        return MavlinkMessages.toFrame(MavlinkVersion.V2, seq, 7, 1,
                new Attitude(1234, 0.1f, -0.2f, 1.5f, 0.01f, 0.02f, 0.03f));
    }

    static byte[] bytes(MavlinkFrame frame) {
        return MavlinkFrameWriter.toBytes(frame);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static ByteBuf buf(byte[]... parts) {
        return Unpooled.wrappedBuffer(concat(parts));
    }
}
