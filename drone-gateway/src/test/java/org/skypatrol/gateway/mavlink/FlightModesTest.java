package org.skypatrol.gateway.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlightModesTest {

    /** Rows from ArduCopter/ArduPlane mode.h and PX4 px4_custom_mode.h (main << 16 | sub << 24). */
    @ParameterizedTest
    @CsvSource({
        "3, 2, 1, 5, LOITER",          // ArduCopter quad
        "3, 13, 1, 6, RTL",            // ArduCopter hexa
        "3, 2, 1, 16, POSHOLD",
        "3, 1, 1, 10, AUTO",           // ArduPlane fixed wing
        "3, 1, 1, 5, FBWA",
        "3, 20, 1, 19, QLOITER",       // QuadPlane reporting VTOL_QUADROTOR
        "3, 2, 1, 99, MODE_99",        // unknown number survives
        "12, 2, 1, 196608, POSCTL",    // PX4 main 3
        "12, 2, 1, 67371008, AUTO.MISSION", // PX4 main 4 sub 4
        "12, 2, 1, 84148224, AUTO.RTL",     // PX4 main 4 sub 5
        "12, 2, 1, 393216, OFFBOARD",
    })
    void name_knownAutopilots(int autopilot, int type, int baseMode, long custom, String expected) {
        assertThat(FlightModes.name(autopilot, type, baseMode, custom)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"3, 2, 0, 5", "8, 2, 1, 0"})
    void name_noCustomModeOrGenericAutopilot(int autopilot, int type, int baseMode, long custom) {
        String name = FlightModes.name(autopilot, type, baseMode, custom);
        if ((baseMode & 1) == 0) {
            assertThat(name).isNull();
        } else {
            assertThat(name).isEqualTo("MODE_" + custom);
        }
    }
}
