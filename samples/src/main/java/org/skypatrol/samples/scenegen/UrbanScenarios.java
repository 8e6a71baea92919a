package org.skypatrol.samples.scenegen;

import static org.skypatrol.samples.scenegen.Scenario.Polarity.NEAR_MISS;
import static org.skypatrol.samples.scenegen.Scenario.Polarity.POSITIVE;

import java.util.List;

/**
 * Scenarios on the urban street from the street-light camera (view y ≈ 0..58 m). Lane centres:
 * sb-lane-2 x = -5.25, sb-lane-1 (no trucks) -1.75, nb-lane-1 1.75, bus lane 5.25, kerb strip -8.25.
 */
final class UrbanScenarios {

    static final double SB2 = -5.25;
    static final double SB1 = -1.75;
    static final double NB1 = 1.75;
    static final double BUS = 5.25;
    static final double KERB = -8.25;

    private UrbanScenarios() {
    }

    static List<Scenario> all() {
        return List.of(parking(), parkingNearMiss(), busLane(), busLaneNearMiss(), truckLane(), truckLaneNearMiss(),
                speeding(), speedingNearMiss(), solidLine(), solidLineNearMiss(), uTurn(), uTurnNearMiss());
    }

    private static Clip clip(String behaviour, Scenario.Polarity p, long seed, String description) {
        return new Clip(behaviour, p, seed, description).ground(Layouts.urban(), Cameras.urban());
    }

    /** Ordinary town traffic at 11 m/s (40 km/h) in the lanes a script does not use. */
    private static void town(Clip c, boolean nb1, boolean sb1) {
        if (nb1) {
            c.traffic(NB1, true, 11, 35, 5, 20);
        }
        if (sb1) {
            c.traffic(SB1, false, 11, 40, 5, 45);
        }
    }

    static Scenario parking() {
        Clip c = clip("illegal_parking", POSITIVE, 201,
                "a car pulls into the kerb inside the no-parking zone and stays").duration(28);
        town(c, true, true);
        Actor car = c.car(Trajectory.from(0, SB2, 75, 180).moveTo(SB2, 32, 10).speed(10).rampTo(KERB, 18, 0)
                .mark("stopped").stay(40).build());
        c.truth("illegal_parking", car.path().mark("stopped") + RuleParams.PARKING_DWELL_SECONDS, null, "sb-kerb-np", car);
        return c.build();
    }

    static Scenario parkingNearMiss() {
        Clip c = clip("illegal_parking", NEAR_MISS, 202,
                "one car parks in a bay just past the no-parking zone; another stops in the zone for 5 s and leaves")
                .duration(28);
        town(c, true, true);
        c.car(Trajectory.from(0, SB2, 80, 180).moveTo(SB2, 50, 10).speed(10).rampTo(KERB, 39, 0).stay(40).build());
        c.car(Trajectory.from(4, SB2, 90, 180).moveTo(SB2, 34, 10).speed(10).rampTo(KERB, 22, 0).stay(5)
                .moveTo(SB2, 12, 6).moveTo(SB2, -45, 10).build());
        return c.build();
    }

    static Scenario busLane() {
        Clip c = clip("bus_lane_occupation", POSITIVE, 211, "a car drives north in the bus lane").duration(14);
        town(c, true, true);
        Actor car = c.car(Trajectory.from(0, BUS, -12, 0).moveTo(BUS, 200, 10).build());
        c.truth("bus_lane_occupation", c.firstInZone(car, "nb-bus") + RuleParams.LANE_MIN_SECONDS, null, "nb-bus", car);
        return c.build();
    }

    static Scenario busLaneNearMiss() {
        Clip c = clip("bus_lane_occupation", NEAR_MISS, 212,
                "a bus uses the bus lane while cars keep to lane 1 beside it").duration(14);
        town(c, true, true);
        c.add(ActorKind.BUS, 0x20A040, Trajectory.from(0, BUS, -15, 0).moveTo(BUS, 200, 9).build());
        return c.build();
    }

    static Scenario truckLane() {
        Clip c = clip("truck_lane_violation", POSITIVE, 221, "a truck drives south in the no-trucks lane").duration(14);
        town(c, true, false);
        c.traffic(SB2, false, 11, 40, 5, 50);
        Actor truck = c.add(ActorKind.TRUCK, 0xC03020, Trajectory.from(0, SB1, 75, 180).moveTo(SB1, -45, 10).build());
        c.truth("truck_lane_violation", c.firstInZone(truck, "sb-lane-1") + RuleParams.LANE_MIN_SECONDS, null,
                "sb-lane-1", truck);
        return c.build();
    }

    static Scenario truckLaneNearMiss() {
        Clip c = clip("truck_lane_violation", NEAR_MISS, 222,
                "a truck keeps to the outer lane while a car uses the no-trucks lane").duration(14);
        town(c, true, false);
        c.add(ActorKind.TRUCK, 0xC03020, Trajectory.from(0, SB2, 75, 180).moveTo(SB2, -45, 10).build());
        c.car(Trajectory.from(0, SB1, 95, 180).moveTo(SB1, -45, 10).build());
        return c.build();
    }

    static Scenario speeding() {
        Clip c = clip("speeding", POSITIVE, 231, "a car drives north in lane 1 at 75 km/h where the limit is 50")
                .duration(10);
        town(c, false, true);
        Actor car = c.car(Trajectory.from(0, NB1, -30, 0).moveTo(NB1, 200, 75 / 3.6).build());
        c.truth("speeding", c.firstInZone(car, "nb-lane-1") + RuleParams.SPEEDING_MIN_SECONDS, null, "nb-lane-1", car);
        return c.build();
    }

    static Scenario speedingNearMiss() {
        Clip c = clip("speeding", NEAR_MISS, 232, "a car drives north in lane 1 at 47 km/h, just under the 50 limit")
                .duration(12);
        town(c, false, true);
        c.car(Trajectory.from(0, NB1, -15, 0).moveTo(NB1, 200, 47 / 3.6).build());
        return c.build();
    }

    static Scenario solidLine() {
        Clip c = clip("solid_line_crossing", POSITIVE, 241,
                "a southbound car changes lanes across the solid divider").duration(14);
        town(c, true, false);
        Actor car = c.car(Trajectory.from(0, SB2, 75, 180).moveTo(SB2, 26, 10).moveTo(SB1, 16, 10)
                .moveTo(SB1, -45, 10).build());
        c.truth("solid_line_crossing", c.firstSeen(car, p -> p.x() > -3.5, 0), null, "sb-divider-solid", car);
        return c.build();
    }

    static Scenario solidLineNearMiss() {
        Clip c = clip("solid_line_crossing", NEAR_MISS, 242,
                "a southbound car changes lanes where the divider is dashed, past the solid section").duration(14);
        town(c, true, false);
        c.car(Trajectory.from(0, SB2, 75, 180).moveTo(SB2, 48, 10).moveTo(SB1, 38, 10).moveTo(SB1, -45, 10).build());
        return c.build();
    }

    private static Clip uTurnClip(Scenario.Polarity p, long seed, String description) {
        return new Clip("illegal_u_turn", p, seed, description).ground(Layouts.urbanUturn(), Cameras.urban());
    }

    static Scenario uTurn() {
        Clip c = uTurnClip(POSITIVE, 251, "a car makes a U-turn inside the no-U-turn zone").duration(16);
        c.traffic(5.25, true, 11, 45, 4, 25);
        Trajectory path = Trajectory.from(0, NB1, -12, 0).moveTo(NB1, 8, 10).speed(10).rampTo(NB1, 22, 4)
                .mark("turn").arc(-1.75, 22, -180, 4).moveTo(-5.25, -45, 8).build();
        Actor car = c.car(path);
        double arcSeconds = Math.PI * 3.5 / 4;
        c.truth("illegal_u_turn", path.mark("turn") + arcSeconds * RuleParams.U_TURN_MIN_DEG / 180, null, "no-u-turn", car);
        return c.build();
    }

    static Scenario uTurnNearMiss() {
        Clip c = uTurnClip(NEAR_MISS, 252,
                "a car makes a U-turn 10 m past the no-U-turn zone, where it is allowed").duration(18);
        c.traffic(5.25, true, 11, 45, 4, 25);
        c.car(Trajectory.from(0, NB1, -12, 0).moveTo(NB1, 36, 10).speed(10).rampTo(NB1, 48, 4)
                .arc(-1.75, 48, -180, 4).moveTo(-5.25, -45, 8).build());
        c.car(Trajectory.from(3, NB1, -20, 0).moveTo(NB1, 200, 10).build());
        return c.build();
    }
}
