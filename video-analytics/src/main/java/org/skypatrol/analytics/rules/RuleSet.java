package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.RuleSettings;
import org.skypatrol.analytics.scene.SceneException;

/** Builds the twenty rules of a scene with its overrides; unknown parameters are scene errors with their lines. */
public final class RuleSet {

    private static final Map<Behaviour, Function<Map<String, Double>, Rule>> FACTORIES = new EnumMap<>(Behaviour.class);

    static {
        FACTORIES.put(Behaviour.ILLEGAL_PARKING, IllegalParkingRule::new);
        FACTORIES.put(Behaviour.EMERGENCY_LANE_OCCUPATION, EmergencyLaneOccupationRule::new);
        FACTORIES.put(Behaviour.WRONG_WAY_DRIVING, WrongWayDrivingRule::new);
        FACTORIES.put(Behaviour.SPEEDING, SpeedingRule::new);
        FACTORIES.put(Behaviour.ABNORMAL_STOP, AbnormalStopRule::new);
        FACTORIES.put(Behaviour.TRAFFIC_CONGESTION, TrafficCongestionRule::new);
        FACTORIES.put(Behaviour.TRAFFIC_ACCIDENT, TrafficAccidentRule::new);
        FACTORIES.put(Behaviour.ILLEGAL_U_TURN, IllegalUTurnRule::new);
        FACTORIES.put(Behaviour.SOLID_LINE_CROSSING, SolidLineCrossingRule::new);
        FACTORIES.put(Behaviour.BUS_LANE_OCCUPATION, BusLaneOccupationRule::new);
        FACTORIES.put(Behaviour.TRUCK_LANE_VIOLATION, TruckLaneViolationRule::new);
        FACTORIES.put(Behaviour.PEDESTRIAN_ON_MOTORWAY, PedestrianOnMotorwayRule::new);
        FACTORIES.put(Behaviour.NON_MOTOR_VEHICLE_ON_MOTORWAY, NonMotorVehicleOnMotorwayRule::new);
        FACTORIES.put(Behaviour.ROAD_DEBRIS, RoadDebrisRule::new);
        FACTORIES.put(Behaviour.CROWD_GATHERING, CrowdGatheringRule::new);
        FACTORIES.put(Behaviour.CROWD_RUNNING, CrowdRunningRule::new);
        FACTORIES.put(Behaviour.LOITERING, LoiteringRule::new);
        FACTORIES.put(Behaviour.RESTRICTED_AREA_INTRUSION, RestrictedAreaIntrusionRule::new);
        FACTORIES.put(Behaviour.FIGHTING, FightingRule::new);
        FACTORIES.put(Behaviour.ABANDONED_OBJECT, AbandonedObjectRule::new);
    }

    private RuleSet() {
    }

    /** All enabled rules of a scene, or every problem with the overrides at once. */
    public static List<Rule> build(String sceneName, RuleSettings settings) throws SceneException {
        List<Rule> rules = new ArrayList<>();
        List<SceneException.Problem> problems = new ArrayList<>();
        for (Behaviour b : Behaviour.values()) {
            Map<String, Double> overrides = settings.of(b.id());
            Rule r = null;
            try {
                r = FACTORIES.get(b).apply(overrides);
            } catch (IllegalArgumentException e) {
                Map<String, Double> known = ((AbstractRule) FACTORIES.get(b).apply(Map.of())).parameters();
                for (String k : overrides.keySet()) {
                    if (!known.containsKey(k)) {
                        problems.add(new SceneException.Problem(settings.lines().getOrDefault(b.id() + "." + k, 0),
                                "rules." + b.id() + ": unknown parameter '" + k + "' (known: "
                                        + String.join(", ", new java.util.TreeSet<>(known.keySet())) + ")"));
                    }
                }
            }
            if (r != null && !settings.disabled().contains(b.id())) {
                rules.add(r);
            }
        }
        if (!problems.isEmpty()) {
            throw new SceneException(sceneName, problems);
        }
        return rules;
    }

    /** Defaults of every rule (for docs and {@code scene check}). */
    public static Map<Behaviour, Map<String, Double>> defaults() {
        Map<Behaviour, Map<String, Double>> out = new EnumMap<>(Behaviour.class);
        FACTORIES.forEach((b, f) -> out.put(b, ((AbstractRule) f.apply(Map.of())).parameters()));
        return out;
    }
}
