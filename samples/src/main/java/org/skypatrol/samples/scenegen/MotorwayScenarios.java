package org.skypatrol.samples.scenegen;

import static org.skypatrol.samples.scenegen.Scenario.Polarity.NEAR_MISS;
import static org.skypatrol.samples.scenegen.Scenario.Polarity.POSITIVE;

import java.util.List;

/**
 * Scenarios on the motorway layout from the mast camera (view y ≈ 4..90 m). Lane centres: nb-lane-1
 * x = 2.25, nb-lane-2 x = 5.75, shoulder x = 9; southbound -2.25 and -5.75.
 */
final class MotorwayScenarios {

    static final double NB1 = 2.25;
    static final double NB2 = 5.75;
    static final double SHOULDER = 9;

    private MotorwayScenarios() {
    }

    static List<Scenario> all() {
        return List.of(emergencyLane(), emergencyLaneStopped(), emergencyLaneNearMiss(),
                wrongWay(), wrongWayNearMiss(), abnormalStop(), abnormalStopNearMiss(),
                congestion(), congestionNearMiss(), accident(), accidentNearMiss(),
                pedestrian(), pedestrianNearMiss(), nonMotor(), nonMotorNearMiss(), debris(), debrisNearMiss());
    }

    private static Clip clip(String behaviour, Scenario.Polarity p, long seed, String description) {
        return new Clip(behaviour, p, seed, description).ground(Layouts.motorway(), Cameras.motorway());
    }

    /** Southbound traffic on the far carriageway: clutter that breaks no rule. */
    static void oncoming(Clip c) {
        c.traffic(-2.25, false, 24, 45, 6, 40);
        c.traffic(-5.75, false, 21, 60, 5, 70);
    }

    static Scenario emergencyLane() {
        Clip c = clip("emergency_lane_occupation", POSITIVE, 101,
                "a car leaves lane 2 for the emergency lane at 15 m/s and drives on in it").duration(16);
        oncoming(c);
        c.traffic(NB1, true, 25, 70, 3, 30);
        Actor car = c.car(Trajectory.from(0, NB2, -20, 0).moveTo(NB2, 8, 15).moveTo(SHOULDER, 20, 15)
                .moveTo(SHOULDER, 250, 15).build());
        c.truth("emergency_lane_occupation", c.firstInZone(car, "nb-shoulder") + RuleParams.EMERGENCY_MIN_SECONDS,
                null, "nb-shoulder", car);
        return c.build();
    }

    static Scenario emergencyLaneStopped() {
        Clip c = clip("emergency_lane_occupation", POSITIVE, 102,
                "a van pulls onto the emergency lane and stops there with its hazards on").suffix("stopped").duration(20)
                .look(Look.overcast());
        oncoming(c);
        c.traffic(NB1, true, 24, 60, 4, 20);
        Actor van = c.add(ActorKind.VAN, 0xE8E8E8, Trajectory.from(0, NB2, -10, 0).moveTo(NB2, 10, 14)
                .moveTo(SHOULDER, 22, 12).speed(12).rampTo(SHOULDER, 40, 0).stay(20).build());
        c.truth("emergency_lane_occupation", c.firstInZone(van, "nb-shoulder") + RuleParams.EMERGENCY_MIN_SECONDS,
                null, "nb-shoulder", van);
        return c.build();
    }

    static Scenario emergencyLaneNearMiss() {
        Clip c = clip("emergency_lane_occupation", NEAR_MISS, 103,
                "a car and a truck hug the edge line of lane 2 without crossing into the emergency lane").duration(18);
        oncoming(c);
        c.car(Trajectory.from(0, 6.5, -25, 0).moveTo(6.5, 250, 16).build());
        c.add(ActorKind.TRUCK, 0x1F4FA0, Trajectory.from(0, 5.9, -60, 0).moveTo(5.9, 250, 14).build());
        c.traffic(NB1, true, 24, 50, 4, 10);
        return c.build();
    }

    static Scenario wrongWay() {
        Clip c = clip("wrong_way_driving", POSITIVE, 111,
                "a car drives south in northbound lane 1 at 15 m/s").duration(14);
        oncoming(c);
        c.traffic(NB2, true, 24, 60, 4, 30);
        Actor car = c.car(Trajectory.from(0, NB1, 110, 180).moveTo(NB1, -45, 15).build());
        double seen = c.firstInZone(car, "nb-lane-1");
        c.truth("wrong_way_driving", seen + RuleParams.WRONG_WAY_MIN_METRES / 15, null, "nb-lane-1", car);
        return c.build();
    }

    static Scenario wrongWayNearMiss() {
        Clip c = clip("wrong_way_driving", NEAR_MISS, 112,
                "a car stops in lane 1 and backs up 6 m (less than the 15 m minimum) before driving on").duration(20);
        oncoming(c);
        c.traffic(NB2, true, 24, 60, 4, 30);
        c.car(Trajectory.from(0, NB1, -20, 0).moveTo(NB1, 10, 14).speed(14).rampTo(NB1, 32, 0).stay(1)
                .reverseTo(NB1, 26, 1.5).stay(1).moveTo(NB1, 250, 12).build());
        return c.build();
    }

    static Scenario abnormalStop() {
        Clip c = clip("abnormal_stop", POSITIVE, 121,
                "a car brakes to a stop in lane 2 and stays there while traffic passes in lane 1").duration(24);
        oncoming(c);
        c.traffic(NB1, true, 24, 55, 7, 40);
        Actor car = c.car(Trajectory.from(0, NB2, -15, 0).moveTo(NB2, 0, 16).speed(16).rampTo(NB2, 30, 0)
                .mark("stopped").stay(30).build());
        double stopped = car.path().mark("stopped");
        c.truth("abnormal_stop", stopped + RuleParams.ABNORMAL_STOP_SECONDS, null, "nb-lane-2", car);
        return c.build();
    }

    static Scenario abnormalStopNearMiss() {
        Clip c = clip("abnormal_stop", NEAR_MISS, 122,
                "a car stops in lane 2 for 4 s (under the 8 s threshold) and drives on").duration(22);
        oncoming(c);
        c.traffic(NB1, true, 24, 55, 6, 40);
        c.car(Trajectory.from(0, NB2, -15, 0).moveTo(NB2, 0, 16).speed(16).rampTo(NB2, 30, 0).stay(4)
                .moveTo(NB2, 250, 10).build());
        return c.build();
    }

    static Scenario congestion() {
        Clip c = clip("traffic_congestion", POSITIVE, 131,
                "a queue of cars creeps along lane 2 at 2 m/s while lane 1 flows").duration(26);
        oncoming(c);
        c.traffic(NB1, true, 22, 50, 6, 40);
        Actor[] queue = new Actor[12];
        for (int k = 0; k < queue.length; k++) {
            double y0 = 60 - k * 7.5;
            queue[k] = c.car(Trajectory.from(0, NB2, y0, 0).moveTo(NB2, y0 + 60, 2).build());
        }
        c.truth("traffic_congestion", RuleParams.CONGESTION_SUSTAIN_SECONDS, null, "nb-lane-2", queue[2], queue[3],
                queue[4], queue[5], queue[6]);
        return c.build();
    }

    static Scenario congestionNearMiss() {
        Clip c = clip("traffic_congestion", NEAR_MISS, 132,
                "dense but flowing traffic in lane 1, and only three slow cars in lane 2").duration(24);
        oncoming(c);
        c.traffic(NB1, true, 18, 22, 14, 80);
        for (int k = 0; k < 3; k++) {
            double y0 = 35 - k * 8;
            c.car(Trajectory.from(0, NB2, y0, 0).moveTo(NB2, y0 + 55, 2).build());
        }
        return c.build();
    }

    static Scenario accident() {
        Clip c = clip("traffic_accident", POSITIVE, 141,
                "a car brakes hard in lane 1 and the car behind runs into it; both stay").duration(12);
        oncoming(c);
        Actor front = c.car(Trajectory.from(0, NB1, -5, 0).moveTo(NB1, 12, 18).speed(18).rampTo(NB1, 32, 0)
                .stay(20).build());
        double gap = (front.lengthMetres() + 4.6) / 2;
        Trajectory rear = Trajectory.from(0, NB1, -25, 0).moveTo(NB1, 20 - gap, 18).speed(18)
                .rampTo(NB1, 32 - gap + 0.6, 6).mark("impact").moveTo(NB1, 32 - gap + 0.3, 1).stay(20).build();
        Actor back = c.add(ActorKind.CAR, 0xB02020, rear);
        double impact = rear.mark("impact");
        c.duration(impact + 7);         // ends before the front car has been still for the abnormal-stop time
        c.truth("traffic_accident", impact + RuleParams.ACCIDENT_STOPPED_SECONDS, null, null, front, back);
        return c.build();
    }

    static Scenario accidentNearMiss() {
        Clip c = clip("traffic_accident", NEAR_MISS, 142,
                "a car brakes hard and the car behind stops 2 m short of it; both drive on after 3 s").duration(16);
        oncoming(c);
        c.car(Trajectory.from(0, NB1, -5, 0).moveTo(NB1, 12, 18).speed(18).rampTo(NB1, 32, 0).stay(4)
                .moveTo(NB1, 250, 12).build());
        c.car(Trajectory.from(0, NB1, -25, 0).moveTo(NB1, 10, 18).speed(18).rampTo(NB1, 25.5, 0).stay(4.6)
                .moveTo(NB1, 250, 12).build());
        return c.build();
    }

    static Scenario pedestrian() {
        Clip c = clip("pedestrian_on_motorway", POSITIVE, 151,
                "a person walks from the verge across the emergency lane and both northbound lanes").duration(20);
        oncoming(c);
        Actor p = c.person(Trajectory.from(0, 15, 22, 270).moveTo(1.2, 22, 1.4).stay(20).build());
        c.truth("pedestrian_on_motorway", c.firstInZone(p, "motorway") + RuleParams.MOTORWAY_MIN_SECONDS, null,
                "motorway", p);
        return c.build();
    }

    static Scenario pedestrianNearMiss() {
        Clip c = clip("pedestrian_on_motorway", NEAR_MISS, 152,
                "a person walks north along the grass verge 2.5 m outside the motorway").duration(20);
        oncoming(c);
        c.traffic(NB1, true, 24, 60, 4, 30);
        c.person(Trajectory.from(0, 13, 8, 0).moveTo(13, 40, 1.4).build());
        return c.build();
    }

    static Scenario nonMotor() {
        Clip c = clip("non_motor_vehicle_on_motorway", POSITIVE, 161,
                "a cyclist rides north along the right edge of lane 2").duration(16);
        oncoming(c);
        c.traffic(NB1, true, 24, 60, 4, 30);
        Actor bike = c.add(ActorKind.BICYCLE, 0xD03030, Trajectory.from(0, 6.8, -8, 0).moveTo(6.8, 120, 5).build());
        c.truth("non_motor_vehicle_on_motorway", c.firstInZone(bike, "motorway") + RuleParams.MOTORWAY_MIN_SECONDS,
                null, "motorway", bike);
        return c.build();
    }

    static Scenario nonMotorNearMiss() {
        Clip c = clip("non_motor_vehicle_on_motorway", NEAR_MISS, 162,
                "a cyclist rides the gravel service path 5.5 m outside the motorway").duration(16);
        oncoming(c);
        c.traffic(NB1, true, 24, 60, 4, 30);
        c.add(ActorKind.BICYCLE, 0x3050D0, Trajectory.from(0, 17.5, 10, 0).moveTo(17.5, 120, 5).build());
        return c.build();
    }

    static Scenario debris() {
        Clip c = clip("road_debris", POSITIVE, 171,
                "a box falls off a truck in lane 2, slides and lies in the lane").duration(20);
        oncoming(c);
        Actor truck = c.add(ActorKind.TRUCK, 0x2050A0, Trajectory.from(0, NB2, -30, 0).moveTo(NB2, 250, 16).build());
        double drop = (20 + truck.lengthMetres() / 2 + 30) / 16;       // when the truck's tail passes y = 20
        Trajectory box = Trajectory.from(drop, NB2 + 0.4, 20, 0).speed(16).rampTo(NB2 + 0.6, 27, 0).mark("rest")
                .stay(30).build();
        Actor obj = c.add(ActorKind.OBJECT, 0x8A5A30, box);
        c.truth("road_debris", box.mark("rest") + RuleParams.DEBRIS_STATIC_SECONDS, null, null, obj);
        return c.build();
    }

    static Scenario debrisNearMiss() {
        Clip c = clip("road_debris", NEAR_MISS, 172,
                "a box falls off a truck but tumbles across the emergency lane onto the verge").duration(20);
        oncoming(c);
        Actor truck = c.add(ActorKind.TRUCK, 0x2050A0, Trajectory.from(0, NB2, -30, 0).moveTo(NB2, 250, 16).build());
        double drop = (20 + truck.lengthMetres() / 2 + 30) / 16;
        c.add(ActorKind.OBJECT, 0x8A5A30, Trajectory.from(drop, NB2 + 0.4, 20, 0).moveTo(10, 25, 9)
                .speed(9).rampTo(13, 27, 0).stay(30).build());
        return c.build();
    }
}
