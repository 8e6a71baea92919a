package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class MavlinkMessagesTest {

    static List<MavlinkMessage> samples() {
        return List.of(
                new Heartbeat(2, 12, 217, 0x0401_0000L, 4, 3),
                new SysStatus(0x1234_5678L, 0x2345L, 0xFFFF_FFFFL, 500, 12_600, -1, 10, 2, 1, 2, 3, 4, 87, 1, 2, 3),
                new GpsRawInt(1_700_000_000_000_000L, 3, 384_600_000, 1_062_300_000, 1_100_000, 120, 150, 1500, 9000, 14,
                        1_130_000, 500, 800, 100, 2000, 36_000),
                new Attitude(5000, 0.1f, -0.2f, 3.1f, 0.0f, -0.5f, Float.NaN),
                new GlobalPositionInt(5000, 384_600_000, 1_062_300_000, 1_100_000, 120_000, -150, 300, 0, 35_999),
                new VfrHud(12.5f, 11.0f, 270, 55, 1100.0f, -0.5f),
                new CommandLong(1, 1, 511, 0, 33, 100_000, 0, 0, 0, 0, 0),
                new CommandAck(511, 0, 0, 0, 255, 190),
                new CommandAck(400, 77, 50, -3, 255, 190),
                new Statustext(4, "Battery low: 21%", 7, 0));
    }

    @Test
    void toFrameAndDecode_everySample_roundTripsThroughTheWire() {
        MavlinkParser parser = new MavlinkParser();
        for (MavlinkVersion version : MavlinkVersion.values()) {
            for (MavlinkMessage message : samples()) {
                if (version == MavlinkVersion.V1 && hasExtensionValues(message)) {
                    continue;
                }
                MavlinkFrame frame = MavlinkMessages.toFrame(version, 9, 1, 1, message);
                var parsed = parser.tryParse(Unpooled.wrappedBuffer(MavlinkFrameWriter.toBytes(frame)));
                assertThat(parsed).isEqualTo(new ParseResult.Parsed(frame));
                assertThat(MavlinkMessages.decode(frame)).as("%s %s", version, message).isEqualTo(message);
            }
        }
    }

    @Test
    void decode_unknownEnumValue_survivesRoundTrip() {
        // MAV_RESULT 77 and MAV_TYPE 200 are not defined; they must not be lost or clamped
        Heartbeat heartbeat = new Heartbeat(200, 99, 0, 0, 42, 3);
        MavlinkFrame frame = MavlinkMessages.toFrame(MavlinkVersion.V2, 0, 1, 1, heartbeat);
        assertThat(MavlinkMessages.decode(frame)).isEqualTo(heartbeat);
    }

    @Test
    void decode_idWithoutRecord_givesRawMessageWithWirePayload() {
        MavlinkFrame frame = MavlinkFrame.create(MavlinkVersion.V2, 0, 1, 1, 109, new byte[] {1, 2, 3});
        MavlinkMessage message = MavlinkMessages.decode(frame);
        if (message instanceof RawMessage raw) {
            assertThat(raw.payload()).isEqualTo(frame.payload());
        } else {
            assertThat(message.messageId()).isEqualTo(109);
        }
    }

    private static boolean hasExtensionValues(MavlinkMessage m) {
        return m instanceof SysStatus || m instanceof GpsRawInt || m instanceof CommandAck || m instanceof Statustext;
    }
}
