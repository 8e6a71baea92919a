package org.skypatrol.gateway.mavlink;

import java.util.Map;

/**
 * Flight mode names from HEARTBEAT {@code custom_mode}, in the vocabulary each autopilot's own
 * ground stations use: ArduPilot's mode enums (ArduCopter {@code mode.h}, ArduPlane {@code mode.h})
 * and PX4's main/sub modes as MAVROS names them ({@code px4_custom_mode.h}: main mode in bits 16-23,
 * auto sub-mode in bits 24-31). An unknown number survives as {@code MODE_<n>}, never dropped.
 */
public final class FlightModes {

    /** MAV_AUTOPILOT values (common.xml). */
    public static final int AUTOPILOT_ARDUPILOT = 3;
    public static final int AUTOPILOT_PX4 = 12;
    /** MAV_MODE_FLAG bits of HEARTBEAT base_mode. */
    public static final int MODE_FLAG_CUSTOM_MODE_ENABLED = 1;
    public static final int MODE_FLAG_SAFETY_ARMED = 128;

    private static final Map<Integer, String> COPTER = Map.ofEntries(
            Map.entry(0, "STABILIZE"), Map.entry(1, "ACRO"), Map.entry(2, "ALT_HOLD"), Map.entry(3, "AUTO"),
            Map.entry(4, "GUIDED"), Map.entry(5, "LOITER"), Map.entry(6, "RTL"), Map.entry(7, "CIRCLE"),
            Map.entry(9, "LAND"), Map.entry(11, "DRIFT"), Map.entry(13, "SPORT"), Map.entry(14, "FLIP"),
            Map.entry(15, "AUTOTUNE"), Map.entry(16, "POSHOLD"), Map.entry(17, "BRAKE"), Map.entry(18, "THROW"),
            Map.entry(19, "AVOID_ADSB"), Map.entry(20, "GUIDED_NOGPS"), Map.entry(21, "SMART_RTL"),
            Map.entry(22, "FLOWHOLD"), Map.entry(23, "FOLLOW"), Map.entry(24, "ZIGZAG"), Map.entry(25, "SYSTEMID"),
            Map.entry(26, "AUTOROTATE"), Map.entry(27, "AUTO_RTL"), Map.entry(28, "TURTLE"));

    private static final Map<Integer, String> PLANE = Map.ofEntries(
            Map.entry(0, "MANUAL"), Map.entry(1, "CIRCLE"), Map.entry(2, "STABILIZE"), Map.entry(3, "TRAINING"),
            Map.entry(4, "ACRO"), Map.entry(5, "FBWA"), Map.entry(6, "FBWB"), Map.entry(7, "CRUISE"),
            Map.entry(8, "AUTOTUNE"), Map.entry(10, "AUTO"), Map.entry(11, "RTL"), Map.entry(12, "LOITER"),
            Map.entry(13, "TAKEOFF"), Map.entry(14, "AVOID_ADSB"), Map.entry(15, "GUIDED"), Map.entry(17, "QSTABILIZE"),
            Map.entry(18, "QHOVER"), Map.entry(19, "QLOITER"), Map.entry(20, "QLAND"), Map.entry(21, "QRTL"),
            Map.entry(22, "QAUTOTUNE"), Map.entry(23, "QACRO"), Map.entry(24, "THERMAL"),
            Map.entry(25, "LOITER_ALT_QLAND"), Map.entry(26, "AUTOLAND"));

    private static final Map<Integer, String> PX4_MAIN = Map.of(
            1, "MANUAL", 2, "ALTCTL", 3, "POSCTL", 5, "ACRO", 6, "OFFBOARD", 7, "STABILIZED", 8, "RATTITUDE");

    private static final Map<Integer, String> PX4_AUTO = Map.of(
            1, "AUTO.READY", 2, "AUTO.TAKEOFF", 3, "AUTO.LOITER", 4, "AUTO.MISSION", 5, "AUTO.RTL",
            6, "AUTO.LAND", 7, "AUTO.RTGS", 8, "AUTO.FOLLOW_TARGET", 9, "AUTO.PRECLAND", 10, "AUTO.VTOL_TAKEOFF");

    private FlightModes() {
    }

    /**
     * The mode name, or null when the HEARTBEAT says custom modes are not in use.
     *
     * @param autopilot   MAV_AUTOPILOT
     * @param vehicleType MAV_TYPE (selects ArduPilot's copter or plane table)
     * @param baseMode    MAV_MODE_FLAG bits
     * @param customMode  the autopilot-specific mode number (uint32 as a Java long)
     */
    public static String name(int autopilot, int vehicleType, int baseMode, long customMode) {
        if ((baseMode & MODE_FLAG_CUSTOM_MODE_ENABLED) == 0) {
            return null;
        }
        String name = switch (autopilot) {
            case AUTOPILOT_ARDUPILOT -> (isPlane(vehicleType) ? PLANE : COPTER).get((int) customMode);
            case AUTOPILOT_PX4 -> px4(customMode);
            default -> null;
        };
        return name != null ? name : "MODE_" + customMode;
    }

    private static String px4(long customMode) {
        int main = (int) (customMode >>> 16) & 0xFF;
        int sub = (int) (customMode >>> 24) & 0xFF;
        if (main == 4) {
            return PX4_AUTO.getOrDefault(sub, "AUTO." + sub);
        }
        return PX4_MAIN.get(main);
    }

    /**
     * ArduPlane (with QuadPlane) reports FIXED_WING or one of the VTOL types; everything else that
     * flies on ArduPilot here is treated as a copter (MAV_TYPE in common.xml).
     */
    static boolean isPlane(int vehicleType) {
        return vehicleType == 1 || (vehicleType >= 19 && vehicleType <= 25);
    }

    public static boolean armed(int baseMode) {
        return (baseMode & MODE_FLAG_SAFETY_ARMED) != 0;
    }
}
