package org.skypatrol.analytics.events;

import java.util.Arrays;
import java.util.Optional;

/** The twenty risk behaviours of DESIGN.md ("The risk behaviours"); {@link #id()} is the wire name. */
public enum Behaviour {
    ILLEGAL_PARKING, EMERGENCY_LANE_OCCUPATION, WRONG_WAY_DRIVING, SPEEDING, ABNORMAL_STOP,
    TRAFFIC_CONGESTION, TRAFFIC_ACCIDENT, ILLEGAL_U_TURN, SOLID_LINE_CROSSING, BUS_LANE_OCCUPATION,
    TRUCK_LANE_VIOLATION, PEDESTRIAN_ON_MOTORWAY, NON_MOTOR_VEHICLE_ON_MOTORWAY, ROAD_DEBRIS,
    CROWD_GATHERING, CROWD_RUNNING, LOITERING, RESTRICTED_AREA_INTRUSION, FIGHTING, ABANDONED_OBJECT;

    /** The snake_case id used in scene files, events and MQTT. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Behaviour> fromId(String id) {
        return Arrays.stream(values()).filter(b -> b.id().equals(id)).findFirst();
    }
}
