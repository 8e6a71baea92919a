package org.skypatrol.protocols.mavlink;

import io.netty.buffer.ByteBuf;

/**
 * Writes a {@link MavlinkFrame} to bytes exactly as its fields say (header, payload as stored,
 * checksum, signature block). Truncation, CRC and signing happen when the frame is built
 * ({@link MavlinkFrame#create}, {@link MavlinkMessages#toFrame}, MavlinkSigner), so a
 * received frame written back is byte-for-byte identical (forwarding never alters a frame).
 */
public final class MavlinkFrameWriter {

    private MavlinkFrameWriter() {
    }

    /** Appends the frame to {@code out}. */
    public static void write(MavlinkFrame frame, ByteBuf out) {
        byte[] payload = frame.payloadArray();
        out.ensureWritable(frame.wireLength());
        out.writeByte(frame.version().magic());
        out.writeByte(payload.length);
        if (frame.version() == MavlinkVersion.V2) {
            out.writeByte(frame.incompatFlags());
            out.writeByte(frame.compatFlags());
        }
        out.writeByte(frame.sequence());
        out.writeByte(frame.systemId());
        out.writeByte(frame.componentId());
        if (frame.version() == MavlinkVersion.V2) {
            out.writeMediumLE(frame.messageId());
        } else {
            out.writeByte(frame.messageId());
        }
        out.writeBytes(payload);
        out.writeShortLE(frame.checksum());
        MavlinkSignature signature = frame.signature();
        if (signature != null) {
            out.writeByte(signature.linkId());
            out.writeIntLE((int) signature.timestamp());
            out.writeShortLE((int) (signature.timestamp() >>> 32));
            out.writeIntLE((int) signature.signature());
            out.writeShortLE((int) (signature.signature() >>> 32));
        }
    }

    /** The frame as a new byte array. */
    public static byte[] toBytes(MavlinkFrame frame) {
        byte[] out = new byte[frame.wireLength()];
        ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(out);
        buf.writerIndex(0);
        write(frame, buf);
        return out;
    }
}
