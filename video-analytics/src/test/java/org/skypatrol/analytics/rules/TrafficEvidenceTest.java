package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skypatrol.analytics.detect.ObjectClass.CAR;
import static org.skypatrol.analytics.rules.Scenario.line;
import static org.skypatrol.analytics.rules.Scenario.starts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * The traffic rules ask for evidence over time, not one frame: fragmented tracks, merged blobs,
 * jitter on a line, half-visible vehicles and creeping queues must stay silent, and each object
 * alerts once. Same road as {@link TrafficRulesTest} (solid line at x = 97, shoulder 104-107).
 */
class TrafficEvidenceTest {

    @Test
    void parkedCarWhoseTrackFragments_alertsOnce() throws Exception {
        // the detector loses the parked car for 12 s (longer than a stationary track coasts), then finds it again
        DoubleFunction<Vec2> park = line(new Vec2(0, 25), new Vec2(40, 25), 0, 5);
        var seen = new Scenario(TrafficRulesTest.ROAD + "rules:\n  illegal_parking: {dwellSeconds: 10}\n")
                .actor(CAR, 1.8, 4.5, 0, 20, park)
                .actor(CAR, 1.8, 4.5, 32, 70, park)
                .run(70);
        assertThat(starts(seen, "illegal_parking")).hasSize(1);
    }

    @Test
    void stopInLaneWhoseTrackFragments_alertsOnce() throws Exception {
        DoubleFunction<Vec2> stop = TrafficRulesTest.braking(new Vec2(102, 10), new Vec2(102, 60), 0, 5);
        var seen = new Scenario(TrafficRulesTest.ROAD + "rules:\n  abnormal_stop: {stopSeconds: 8}\n")
                .actor(CAR, 1.8, 4.5, 0, 18, stop)
                .actor(CAR, 1.8, 4.5, 30.4, 60, t -> new Vec2(102.6, 60.5))   // found again 0.8 m off
                .run(60);
        assertThat(starts(seen, "abnormal_stop")).hasSize(1);
    }

    @Test
    void solidLine_twoCarsMergedIntoOneBlobBesideTheLine_isNoCrossing() throws Exception {
        // left of the line and right of it, driving north side by side; for 2 s the detector sees one blob
        var seen = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 1.8, 4.5, 0, 12, line(new Vec2(95.2, 0), new Vec2(95.2, 120), 0, 12))
                .actor(CAR, 1.8, 4.5, 0, 12, line(new Vec2(98.8, 1), new Vec2(98.8, 121), 0, 12))
                .merged(0, 1, 4, 6)
                .run(12);
        assertThat(starts(seen, "solid_line_crossing")).isEmpty();
    }

    @Test
    void solidLine_carJitteringAlongTheLine_isNoCrossing_realChangeIsOne() throws Exception {
        var jitter = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 1.8, 4.5, 0, 12, t -> new Vec2(97 + ((int) Math.round(t * 5) % 2 == 0 ? 0.7 : -0.7), 10 * t))
                .run(12);
        assertThat(starts(jitter, "solid_line_crossing")).isEmpty();
        var change = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 1.8, 4.5, 0, 12, t -> new Vec2(t < 4 ? 95 : t < 6 ? 95 + (t - 4) * 2.5 : 100, 10 + 10 * t))
                .run(12);
        assertThat(starts(change, "solid_line_crossing")).hasSize(1);
    }

    @Test
    void emergencyLane_carCutByTheFrameEdge_waitsUntilSeen_carFullyInViewFires() throws Exception {
        // the camera's bottom edge is ground y = 0: a car standing at y = 1 m has its box cut there
        var cut = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 1.8, 4.5, 0, 15, t -> new Vec2(105.5, 1))
                .run(15);
        assertThat(starts(cut, "emergency_lane_occupation")).isEmpty();
        var seen = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 1.8, 4.5, 0, 15, t -> new Vec2(105.5, 50))
                .run(15);
        assertThat(starts(seen, "emergency_lane_occupation")).hasSize(1);
    }

    @Test
    void abnormalStop_carStoppingInACreepingQueue_isTheQueue() throws Exception {
        Scenario queue = new Scenario(TrafficRulesTest.ROAD + "rules:\n  abnormal_stop: {stopSeconds: 8}\n")
                .actor(CAR, 1.8, 4.5, 0, 30, line(new Vec2(102, 10), new Vec2(102, 30), 0, 5));
        for (int i = 0; i < 4; i++) {
            double y0 = 34 + 5 * i;
            queue.actor(CAR, 1.8, 4.5, 0, 30, t -> new Vec2(102, y0 + t));             // 3.6 km/h ahead of it
        }
        assertThat(starts(queue.run(30), "abnormal_stop")).isEmpty();
    }

    @Test
    void uTurn_madePastTheZone_thenDrivingBackThroughIt_isNotInTheZone() throws Exception {
        // north through the no-U-turn zone (y 50-90), turns at y ~ 100, back south through the zone
        DoubleFunction<Vec2> path = t -> t < 6 ? new Vec2(130, 70 + 5 * t)
                : t < 9 ? new Vec2(130 + (t - 6) * 3, 100) : new Vec2(139, 100 - 5 * (t - 9));
        var seen = new Scenario(TrafficRulesTest.ROAD).actor(CAR, 1.8, 4.5, 0, 16, path).run(16);
        assertThat(starts(seen, "illegal_u_turn")).isEmpty();
    }

    @Test
    void accident_stoppedVanSplitIntoTwoTracks_isNoCrash() throws Exception {
        // a van brakes onto the shoulder and stops; the detector also tracks its roof as a second "car"
        var seen = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 2.0, 5.0, 0, 30, line(new Vec2(105.5, 20), new Vec2(105.5, 60), 0, 4))
                .actor(CAR, 1.8, 2.0, 6, 30, Scenario.still(new Vec2(105.5, 64)))
                .run(30);
        assertThat(starts(seen, "traffic_accident")).isEmpty();
    }

    @Test
    void accident_sliverOfABlobIsNoVehicle() throws Exception {
        // the same crash as TrafficRulesTest, but the stopped "car" is 0.6 m wide: a piece, not a vehicle
        var seen = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 0.6, 1.0, 0, 30, Scenario.still(new Vec2(102, 100)))
                .actor(CAR, 1.8, 4.5, 0, 30, line(new Vec2(102, 0), new Vec2(102, 96), 0, 6))
                .run(30);
        assertThat(starts(seen, "traffic_accident")).isEmpty();
    }

    /** A car track in lane-n whose filter says {@code filteredMps} while its measured positions moved at {@code measuredMps}. */
    private static TrackSnapshot carTrack(double filteredMps, double measuredMps) {
        List<TrackPoint> h = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            double t = i * 0.2;
            Vec2 g = new Vec2(102, 50 + measuredMps * t);
            var box = new Box(g.x() * 10 - 9, 2000 - g.y() * 10 - 22.5, 18, 45);
            h.add(new TrackPoint(t, g, g, box, filteredMps));
        }
        var last = h.get(h.size() - 1);
        return new TrackSnapshot(7, CAR, last.box(), last.ground(), new Vec2(0, filteredMps),
                0, Double.NaN, false, 0, h);
    }

    @Test
    void speeding_youngTrackWhoseFilterOvershoots_isNotSpeeding_measuredSpeedIs() throws Exception {
        var view = new Scenario(TrafficRulesTest.ROAD).view();
        var rule = new SpeedingRule(Map.of());
        // limit 60 + 10 km/h: the filter says 108 km/h, the positions moved at 50 km/h
        var overshoot = new RuleContext(view, 1.2, 6, List.of(carTrack(30, 14)), null);
        assertThat(rule.evaluate(overshoot)).isEmpty();
        var fast = new RuleContext(view, 1.2, 6, List.of(carTrack(25, 25)), null);
        assertThat(rule.evaluate(fast)).hasSize(1);
    }

    @Test
    void emergencyLane_walkerVotedACarCrossingTheShoulder_isNoVehicle_carPullingOntoItIs() throws Exception {
        // 1.3 m wide with its shadow, walking west across the shoulder (x 107 -> 104) at 1.2 m/s
        var walker = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 1.3, 1.0, 0, 12, line(new Vec2(110, 50), new Vec2(98, 50), 0, 10))
                .run(12);
        assertThat(starts(walker, "emergency_lane_occupation")).isEmpty();
        // a car changing from the lane onto the shoulder at 20 m/s: 3.5 m across while 40 m along
        var car = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 1.8, 4.5, 0, 8, t -> new Vec2(102 + 3.5 * Math.min(1, Math.max(0, t - 1) / 2), 10 + 20 * t))
                .run(8);
        assertThat(starts(car, "emergency_lane_occupation")).hasSize(1);
    }

    @Test
    void roadDebris_boxFallenBehindAFastTruck_fires_whereACrawlingQueueCarStood_isItsRemnant() throws Exception {
        var fallen = new Scenario(TrafficRulesTest.ROAD)
                .actor(ObjectClass.TRUCK, 2.5, 11, 0, 10, line(new Vec2(102, 0), new Vec2(102, 150), 0, 10))
                .actor(ObjectClass.STATIC_OBJECT, 0.8, 0.6, 4.5, 20, Scenario.still(new Vec2(102, 60)))
                .run(20);
        assertThat(starts(fallen, "road_debris")).hasSize(1);
        // a queue car stood there since the start and crawls off at 10 s: the road it uncovers differs from
        // the background model, which had learned the car
        for (String rules : new String[] {"", "rules:\n  road_debris: {remnantMaxSpeedMps: 0}\n"}) {
            var remnant = new Scenario(TrafficRulesTest.ROAD + rules)
                    .actor(CAR, 1.8, 4.5, 0, 20, t -> new Vec2(102, t < 10 ? 60 : 60 + 2 * (t - 10)))
                    .actor(ObjectClass.STATIC_OBJECT, 0.8, 0.6, 10.4, 20, Scenario.still(new Vec2(102, 60)))
                    .run(20);
            // with nothing counting as slow (the control), the same uncovered road would be "debris"
            assertThat(starts(remnant, "road_debris")).hasSize(rules.isEmpty() ? 0 : 1);
        }
    }

    @Test
    void abnormalStop_stillCarShapedBlobThatNeverMoved_isNoStop_carThatDroveThereIs() throws Exception {
        var seen = new Scenario(TrafficRulesTest.ROAD + "rules:\n  abnormal_stop: {stopSeconds: 8}\n")
                .actor(CAR, 1.8, 1.0, 2, 30, Scenario.still(new Vec2(102, 120)))                  // appears still, stays
                .actor(CAR, 1.8, 4.5, 0, 30, TrafficRulesTest.braking(new Vec2(102, 10), new Vec2(102, 60), 0, 5))  // drives in, stops
                .run(30);
        var s = starts(seen, "abnormal_stop");
        assertThat(s).hasSize(1);
        assertThat(s.get(0).time()).isBetween(11.0, 18.0);                                     // the car, not the blob (~10 s)
    }

    @Test
    void truckLane_carWhoseBlobTurnsTruckSizedInItsLastSecondInView_isNoTruck() throws Exception {
        // a van in the no-trucks lane (x 80-84): a car for 2.1 s, then merged with its shadow into a
        // truck-sized blob in its last second in view (until 3.2 s); the rule measures the boxes of the
        // last 2 s, most of which are car-sized (a blob truck-sized for the whole 2 s is a truck)
        var van = new Scenario(TrafficRulesTest.ROAD)
                .actor(CAR, 1.8, 4.5, 0, 2.1, line(new Vec2(82, 20), new Vec2(82, 80), 0, 6))
                .actor(ObjectClass.TRUCK, 2.5, 10, 2.2, 3.2, line(new Vec2(82, 20), new Vec2(82, 80), 0, 6))
                .run(8);
        assertThat(starts(van, "truck_lane_violation")).isEmpty();
        // the control: a real truck in view for as long is one
        var truck = new Scenario(TrafficRulesTest.ROAD)
                .actor(ObjectClass.TRUCK, 2.5, 10, 0, 3.2, line(new Vec2(82, 20), new Vec2(82, 80), 0, 6))
                .run(8);
        assertThat(starts(truck, "truck_lane_violation")).hasSize(1);
    }

    @Test
    void busLane_blobOfACarInTheLaneAndOneBesideIt_isNotOneCarInTheLane() throws Exception {
        // tuning render 12000: the car beside the bus lane took the blob it merged into with the car in the lane,
        // whose foot point fell inside the lane; a whole car of the blob's footprint lies outside it
        java.util.function.Function<String, Scenario> scene = rules -> {
            try {
                return new Scenario(TrafficRulesTest.ROAD + rules)
                        .actor(CAR, 1.8, 4.5, 0, 10, line(new Vec2(92, 0), new Vec2(92, 100), 0, 10))
                        .actor(CAR, 1.8, 4.5, 0, 10, line(new Vec2(95.8, 2), new Vec2(95.8, 102), 0, 10))
                        .merged(0, 1, 0, 10);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(starts(scene.apply("").run(10), "bus_lane_occupation")).isEmpty();
        assertThat(starts(scene.apply("rules:\n  bus_lane_occupation: {maxOutsideMetres: 100}\n").run(10),
                "bus_lane_occupation")).hasSize(1);                                   // the test off
    }
}
