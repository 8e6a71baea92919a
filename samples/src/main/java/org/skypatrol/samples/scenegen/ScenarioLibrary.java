package org.skypatrol.samples.scenegen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scenario library: positives and near misses for each of the twenty behaviours of DESIGN.md,
 * on fixed and drone cameras. Deterministic: the same code renders the same clips.
 */
public final class ScenarioLibrary {

    /** The twenty behaviour ids of DESIGN.md ("The risk behaviours"), in its order. */
    public static final List<String> BEHAVIOURS = List.of("illegal_parking", "emergency_lane_occupation",
            "wrong_way_driving", "speeding", "abnormal_stop", "traffic_congestion", "traffic_accident",
            "illegal_u_turn", "solid_line_crossing", "bus_lane_occupation", "truck_lane_violation",
            "pedestrian_on_motorway", "non_motor_vehicle_on_motorway", "road_debris", "crowd_gathering",
            "crowd_running", "loitering", "restricted_area_intrusion", "fighting", "abandoned_object");

    private ScenarioLibrary() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(MotorwayScenarios.all());
        all.addAll(UrbanScenarios.all());
        all.addAll(PlazaScenarios.all());
        all.addAll(DroneScenarios.all());
        all.sort((a, b) -> Integer.compare(BEHAVIOURS.indexOf(a.behaviour()), BEHAVIOURS.indexOf(b.behaviour())));
        return Collections.unmodifiableList(all);
    }

    /** The scenarios about one behaviour, or all when {@code behaviour} is null. */
    public static List<Scenario> only(String behaviour) {
        if (behaviour == null) {
            return all();
        }
        if (!BEHAVIOURS.contains(behaviour)) {
            throw new IllegalArgumentException("unknown behaviour '" + behaviour + "' (one of " + BEHAVIOURS + ")");
        }
        return all().stream().filter(s -> s.behaviour().equals(behaviour)).toList();
    }

    /** Behaviours that have no positive or no near-miss clip (should be empty). */
    public static Set<String> uncovered() {
        Set<String> missing = new TreeSet<>();
        for (String b : BEHAVIOURS) {
            List<Scenario> s = only(b);
            if (s.stream().noneMatch(x -> x.polarity() == Scenario.Polarity.POSITIVE)
                    || s.stream().noneMatch(x -> x.polarity() == Scenario.Polarity.NEAR_MISS)) {
                missing.add(b);
            }
        }
        return missing;
    }
}
