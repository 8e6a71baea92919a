package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class MavlinkCrcTest {

    @Test
    void accumulate_checkString_matchesCrc16Mcrf4xxCatalogueValue() {
        // CRC-16/MCRF4XX check value from the CRC catalogue (reveng): "123456789" -> 0x6F91
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(MavlinkCrc.accumulate(data, 0, data.length, MavlinkCrc.INIT)).isEqualTo(0x6F91);
    }

    @Test
    void accumulate_bytewiseAndBulk_agree() {
        byte[] data = {(byte) 0xFD, 9, 0, 0, 7, 1, 1, 0, 0, 0, 42};
        int crc = MavlinkCrc.INIT;
        for (byte b : data) {
            crc = MavlinkCrc.accumulate(b & 0xFF, crc);
        }
        assertThat(MavlinkCrc.accumulate(data, 0, data.length, MavlinkCrc.INIT)).isEqualTo(crc);
    }

    @Test
    void crcExtra_heartbeat_is50() {
        // HEARTBEAT's CRC_EXTRA published in every MAVLink implementation is 50
        List<FieldDefinition> fields = List.of(
                new FieldDefinition(FieldType.UINT32, "custom_mode", 0, false, 0),
                new FieldDefinition(FieldType.UINT8, "type", 0, false, 4),
                new FieldDefinition(FieldType.UINT8, "autopilot", 0, false, 5),
                new FieldDefinition(FieldType.UINT8, "base_mode", 0, false, 6),
                new FieldDefinition(FieldType.UINT8, "system_status", 0, false, 7),
                new FieldDefinition(FieldType.UINT8, "mavlink_version", 0, false, 8));
        assertThat(MavlinkCrc.crcExtra("HEARTBEAT", fields)).isEqualTo(50);
    }
}
