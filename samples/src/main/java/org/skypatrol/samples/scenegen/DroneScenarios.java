package org.skypatrol.samples.scenegen;

import static org.skypatrol.samples.scenegen.Scenario.Polarity.NEAR_MISS;
import static org.skypatrol.samples.scenegen.Scenario.Polarity.POSITIVE;

import java.util.List;

/**
 * Scenarios seen from a drone: hovering straight down (with wobble) or patrolling obliquely along
 * the road. Their zones are written in lat/lon and the pose goes to telemetry.jsonl, so the zones
 * only stay on the road if the analytics projects through the pose.
 */
final class DroneScenarios {

    private DroneScenarios() {
    }

    static List<Scenario> all() {
        return List.of(parkingFromHover(), emergencyLaneFromPatrol(), quietPatrol(), crowdFromHover());
    }

    static Scenario parkingFromHover() {
        Clip c = new Clip("illegal_parking", POSITIVE, 401,
                "seen from a drone hovering 45 m straight above: a car parks in the no-parking zone").suffix("drone")
                .ground(Layouts.urban(), Cameras.hover(-3, 22, 45, 90)).duration(26);
        c.traffic(UrbanScenarios.NB1, true, 11, 35, 5, 30);
        c.traffic(UrbanScenarios.SB1, false, 11, 40, 5, 60);
        Actor car = c.car(Trajectory.from(0, UrbanScenarios.SB2, 60, 180).moveTo(UrbanScenarios.SB2, 32, 10).speed(10)
                .rampTo(UrbanScenarios.KERB, 18, 0).mark("stopped").stay(40).build());
        c.truth("illegal_parking", car.path().mark("stopped") + RuleParams.PARKING_DWELL_SECONDS, null, "sb-kerb-np", car);
        return c.build();
    }

    static Scenario emergencyLaneFromPatrol() {
        Clip c = new Clip("emergency_lane_occupation", POSITIVE, 402,
                "seen from a drone patrolling north at 0.8 m/s, 40 m up, camera 60° down: a car stops on the shoulder")
                .suffix("drone").ground(Layouts.motorway(), Cameras.patrol(5, -15, 5, 24, 40, -60)).duration(24);
        MotorwayScenarios.oncoming(c);
        c.traffic(MotorwayScenarios.NB1, true, 24, 60, 5, 40);
        Actor car = c.car(Trajectory.from(0, MotorwayScenarios.NB2, -25, 0).moveTo(MotorwayScenarios.NB2, 0, 12)
                .moveTo(MotorwayScenarios.SHOULDER, 12, 12).speed(12).rampTo(MotorwayScenarios.SHOULDER, 25, 0)
                .stay(40).build());
        c.truth("emergency_lane_occupation", c.firstInZone(car, "nb-shoulder") + RuleParams.EMERGENCY_MIN_SECONDS,
                null, "nb-shoulder", car);
        return c.build();
    }

    static Scenario quietPatrol() {
        Clip c = new Clip("wrong_way_driving", NEAR_MISS, 403,
                "a drone patrols north at 5 m/s over normal two-way motorway traffic: nothing should fire")
                .suffix("drone").ground(Layouts.motorway(), Cameras.patrol(0, -20, 80, 20, 35, -55)).duration(20);
        MotorwayScenarios.oncoming(c);
        c.traffic(MotorwayScenarios.NB1, true, 25, 50, 6, 60);
        c.traffic(MotorwayScenarios.NB2, true, 22, 70, 4, 30);
        return c.build();
    }

    static Scenario crowdFromHover() {
        Clip c = new Clip("crowd_gathering", POSITIVE, 404,
                "seen from a drone hovering 25 m straight above the square: twelve people gather").suffix("drone")
                .ground(Layouts.plaza(), Cameras.hover(0, 27, 25, 0)).duration(26);
        double[] arrivals = PlazaScenarios.gather(c, 12, new Pt(0, 27));
        c.truth("crowd_gathering", arrivals[(int) RuleParams.CROWD_MIN_PEOPLE - 1] + RuleParams.CROWD_SUSTAIN_SECONDS,
                null, null);
        return c.build();
    }
}
