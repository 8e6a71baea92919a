package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.LibraryCameras;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code traffic_congestion} counts the cars a blob holds nose to tail. Regression: on tuning render 20000
 * (motorway camera) the five cars queueing in lane 2 were one standing track whose box, cut by the frame's
 * bottom, covered them all ([377, 105, 125, 255] at 8 s) and two tracks farther up: three "vehicles", and
 * the queue was never read. And it measures a queue blob's length at the ground scale of both its ends:
 * on tuning render 27000 (the queue in lane 2 in view from the start) the blob of the cars 13 to 28 m up
 * the lane ([382, 117, 68, 112] at 3 s) read as one car at the ground scale of its foot, so the lane held
 * four "vehicles" of nine for seconds and the congestion was read at 13.4 s instead of by 11 s.
 * Tracks are handed to the rule directly, at 2 m/s.
 */
class CongestionQueueTest {

    private static final String LANE = """
            zones:
              - {id: nb-lane-2, kind: lane, metres: [[4, -40], [7.5, -40], [7.5, 260], [4, 260]], directionDeg: 0}
            """;

    private static TrackSnapshot track(int id, Box b, SceneView view, double seconds) {
        Vec2 g = view.mapping().toGround(b.foot()).orElseThrow();
        return new TrackSnapshot(id, ObjectClass.CAR, b, g, new Vec2(0, 2), 0, Double.NaN, false, 0,
                List.of(new TrackPoint(seconds, g, g, b, 2)));
    }

    /** The rule's hits at 10 s (frame 60) on one car track per box. */
    private static List<RuleHit> judge(List<Box> boxes) throws Exception {
        return judge(10, 60, boxes);
    }

    private static List<RuleHit> judge(double seconds, long frame, List<Box> boxes) throws Exception {
        SceneView view = LibraryCameras.motorway(LANE);
        List<TrackSnapshot> tracks = new ArrayList<>();
        for (Box b : boxes) {
            tracks.add(track(tracks.size() + 1, b, view, seconds));
        }
        return new TrafficCongestionRule(Map.of("minVehicles", 5.0))
                .evaluate(new RuleContext(view, seconds, frame, tracks, null));
    }

    @Test
    void queueMergedInOneBlob_countsTheCarsItHolds_andFires() throws Exception {
        // the render's boxes at 8 s: the blob of the near queue, and two cars farther up the lane
        assertThat(judge(List.of(new Box(377, 105, 125, 255), new Box(373, 80, 20, 15), new Box(331, 17, 52, 41))))
                .hasSize(1);
    }

    @Test
    void threeCarsEachInItsOwnBox_areThree_andDoNotFire() throws Exception {
        // the near miss's three slow cars, each a car-sized box (one near the camera, two farther up)
        assertThat(judge(List.of(new Box(433, 279, 56, 53), new Box(373, 80, 20, 15), new Box(384, 127, 40, 35))))
                .isEmpty();
    }

    @Test
    void farQueueBlob_spansFromItsFootToTheFarCarsFoot() throws Exception {
        SceneView view = LibraryCameras.motorway(LANE);
        // foot 12.9 m up the lane, top row on the ground at 28.1 m: the far car's roof, its foot a few metres nearer
        double span = TrafficCongestionRule.spanMetres(new Box(389, 129, 68, 106), view.mapping());
        assertThat(span).isBetween(10.0, 15.2);
        // one car near the camera measures about a car's length; its span is no longer (a car is not a queue)
        Box near = new Box(433, 279, 56, 53);
        assertThat(TrafficCongestionRule.lengthMetres(near, view.mapping())).isBetween(2.5, 6.0);
        assertThat(TrafficCongestionRule.spanMetres(near, view.mapping())).isBetween(0.0, 6.0);
    }

    @Test
    void queueOfTheRenderAt3s_holdsFiveCars_andFires() throws Exception {
        // render 27000 at 3 s: the near car, the blob of the next ones, two far slivers of the queue
        assertThat(judge(3, 15, List.of(new Box(425, 269, 80, 90), new Box(382, 117, 68, 112), new Box(376, 88, 21, 17),
                new Box(380, 114, 26, 8)))).hasSize(1);
    }

    @Test
    void fourCarsEachInItsOwnBox_areFour_andDoNotFire() throws Exception {
        // four car-sized boxes up the lane (near, 12 m, 20 m, 33 m): four cars, under the five of the scene
        assertThat(judge(3, 15, List.of(new Box(433, 279, 56, 53), new Box(403, 200, 34, 30), new Box(384, 127, 40, 35),
                new Box(373, 80, 20, 15)))).isEmpty();
    }
}
