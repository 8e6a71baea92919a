package org.skypatrol.samples.drone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.skypatrol.protocols.mavlink.CameraFovStatus;
import org.skypatrol.protocols.mavlink.GimbalDeviceAttitudeStatus;
import org.skypatrol.protocols.mavlink.GlobalPositionInt;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkParser;
import org.skypatrol.protocols.mavlink.MavlinkVersion;
import org.skypatrol.protocols.mavlink.ParseResult;

import io.netty.buffer.Unpooled;

class HoverFlightTest {

    private static final HoverFlight HOVER = new HoverFlight(38.4683, 106.2731, 1110, 45, 90, -90, 70, 43);

    @Test
    void at_holdsPositionAndHeading_batteryDrains() {
        FlightState a = HOVER.at(10);
        FlightState b = HOVER.at(600);
        assertThat(b.latitudeDeg()).isEqualTo(a.latitudeDeg());
        assertThat(b.longitudeDeg()).isEqualTo(a.longitudeDeg());
        assertThat(a.altitudeRelativeMetres()).isEqualTo(45.0);
        assertThat(a.altitudeMslMetres()).isEqualTo(1155.0);
        assertThat(a.groundSpeedMps()).isZero();
        assertThat(a.yawDeg()).isEqualTo(90.0);
        assertThat(b.batteryRemainingPercent()).isLessThan(a.batteryRemainingPercent());
    }

    @Test
    void simulatedDrone_reportsTheFlightsPositionGimbalPitchAndFieldOfView() {
        SimulatedDrone drone = new SimulatedDrone(7, HOVER, MavlinkVersion.V2, 10, 0, 0, 1, List.of(),
                UnaryOperator.identity());
        List<MavlinkMessage> sent = new ArrayList<>();
        drone.wire(bytes -> {
            ParseResult r = new MavlinkParser().tryParse(Unpooled.wrappedBuffer(bytes), true);
            sent.add(MavlinkMessages.decode(((ParseResult.Parsed) r).frame()));
        });
        for (int i = 0; i <= 200; i++) {
            drone.tick(i / 100.0);
        }
        GlobalPositionInt pos = first(sent, GlobalPositionInt.class);
        assertThat(pos.lat()).isEqualTo(384683000);
        assertThat(pos.relativeAlt()).isEqualTo(45000);
        float[] q = first(sent, GimbalDeviceAttitudeStatus.class).q();
        // a pitch-only quaternion: pitch = 2 * atan2(y, w)
        assertThat(Math.toDegrees(2 * Math.atan2(q[2], q[0]))).isCloseTo(-90.0, within(0.01));
        CameraFovStatus fov = first(sent, CameraFovStatus.class);
        assertThat(fov.hfov()).isEqualTo(70f);
        assertThat(fov.vfov()).isEqualTo(43f);
    }

    @Test
    void constructor_refusesACameraThatCannotBe() {
        assertThatThrownBy(() -> new HoverFlight(0, 0, 0, 45, 0, 10, 70, 43))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HoverFlight(0, 0, 0, 0, 0, -90, 70, 43))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static <T> T first(List<MavlinkMessage> sent, Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + sent.size() + " messages"));
    }
}
