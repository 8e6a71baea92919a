package org.skypatrol.samples.scenegen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule parameters every library scene declares (names as the analytics' rules define them in
 * {@code org.skypatrol.analytics.rules}; an unknown name is a scene error there) in its {@code rules:} section, and that the
 * scenarios use to place their ground truth (e.g. an illegal-parking alert starts
 * {@link #PARKING_DWELL_SECONDS} after the car stops). Short dwell times keep clips short; a real
 * deployment would use minutes.
 */
public final class RuleParams {

    public static final double PARKING_DWELL_SECONDS = 10;
    public static final double EMERGENCY_MIN_SECONDS = 2;
    public static final double WRONG_WAY_MIN_METRES = 15;
    public static final double SPEEDING_TOLERANCE_KPH = 5;
    public static final double SPEEDING_MIN_SECONDS = 1;
    public static final double ABNORMAL_STOP_SECONDS = 8;
    public static final double CONGESTION_MIN_VEHICLES = 5;
    public static final double CONGESTION_MAX_KPH = 15;
    public static final double CONGESTION_SUSTAIN_SECONDS = 8;
    public static final double ACCIDENT_STOPPED_SECONDS = 3;
    public static final double U_TURN_MIN_DEG = 150;
    public static final double LANE_MIN_SECONDS = 2;
    public static final double MOTORWAY_MIN_SECONDS = 1;
    public static final double DEBRIS_STATIC_SECONDS = 5;
    public static final double CROWD_MIN_PEOPLE = 10;
    public static final double CROWD_RADIUS_METRES = 8;
    public static final double CROWD_SUSTAIN_SECONDS = 5;
    public static final double RUNNING_MIN_PEOPLE = 5;
    public static final double RUNNING_MIN_MPS = 3;
    public static final double RUNNING_SUSTAIN_SECONDS = 1;
    public static final double LOITERING_SECONDS = 15;
    public static final double FIGHTING_SUSTAIN_SECONDS = 3;
    public static final double ABANDONED_SECONDS = 10;
    public static final double ABANDONED_OWNER_RADIUS_METRES = 3;

    /** Rules a road camera does not evaluate (they watch pedestrian spaces). */
    public static final List<String> ROAD_DISABLED = List.of("loitering", "crowd_gathering", "crowd_running",
            "fighting", "abandoned_object");

    private RuleParams() {
    }

    /** behaviour → parameter → value, as written to scene.yaml. */
    public static Map<String, Map<String, Double>> all() {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        m.put("illegal_parking", Map.of("dwellSeconds", PARKING_DWELL_SECONDS));
        m.put("emergency_lane_occupation", Map.of("minSeconds", EMERGENCY_MIN_SECONDS));
        m.put("wrong_way_driving", Map.of("minDistanceMetres", WRONG_WAY_MIN_METRES));
        m.put("speeding", Map.of("toleranceKph", SPEEDING_TOLERANCE_KPH, "sustainSeconds", SPEEDING_MIN_SECONDS));
        m.put("abnormal_stop", Map.of("stopSeconds", ABNORMAL_STOP_SECONDS));
        m.put("traffic_congestion", Map.of("minVehicles", CONGESTION_MIN_VEHICLES,
                "maxMeanSpeedKph", CONGESTION_MAX_KPH, "sustainSeconds", CONGESTION_SUSTAIN_SECONDS));
        m.put("traffic_accident", Map.of("stoppedSeconds", ACCIDENT_STOPPED_SECONDS));
        m.put("illegal_u_turn", Map.of("minTurnDeg", U_TURN_MIN_DEG));
        m.put("bus_lane_occupation", Map.of("minSeconds", LANE_MIN_SECONDS));
        m.put("truck_lane_violation", Map.of("minSeconds", LANE_MIN_SECONDS));
        m.put("pedestrian_on_motorway", Map.of("minSeconds", MOTORWAY_MIN_SECONDS));
        m.put("non_motor_vehicle_on_motorway", Map.of("minSeconds", MOTORWAY_MIN_SECONDS));
        m.put("road_debris", Map.of("minSeconds", DEBRIS_STATIC_SECONDS));
        m.put("crowd_gathering", Map.of("minPeople", CROWD_MIN_PEOPLE, "radiusMetres", CROWD_RADIUS_METRES,
                "sustainSeconds", CROWD_SUSTAIN_SECONDS));
        m.put("crowd_running", Map.of("minRunners", RUNNING_MIN_PEOPLE, "runSpeedMps", RUNNING_MIN_MPS,
                "sustainSeconds", RUNNING_SUSTAIN_SECONDS));
        m.put("loitering", Map.of("minSeconds", LOITERING_SECONDS));
        m.put("fighting", Map.of("sustainSeconds", FIGHTING_SUSTAIN_SECONDS));
        m.put("abandoned_object", Map.of("dwellSeconds", ABANDONED_SECONDS,
                "ownerRadiusMetres", ABANDONED_OWNER_RADIUS_METRES));
        return m;
    }

    /** {@link #all()} without the disabled rules. */
    public static Map<String, Map<String, Double>> without(List<String> disabled) {
        Map<String, Map<String, Double>> m = all();
        disabled.forEach(m::remove);
        return m;
    }
}
