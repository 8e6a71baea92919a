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
 * the queue was never read. Tracks are handed to the rule directly, at 2 m/s.
 */
class CongestionQueueTest {

    private static final String LANE = """
            zones:
              - {id: nb-lane-2, kind: lane, metres: [[4, -40], [7.5, -40], [7.5, 260], [4, 260]], directionDeg: 0}
            """;

    private static TrackSnapshot track(int id, Box b, SceneView view) {
        Vec2 g = view.mapping().toGround(b.foot()).orElseThrow();
        return new TrackSnapshot(id, ObjectClass.CAR, b, g, new Vec2(0, 2), 0, Double.NaN, false, 0,
                List.of(new TrackPoint(10, g, g, b, 2)));
    }

    private static List<RuleHit> judge(List<Box> boxes) throws Exception {
        SceneView view = LibraryCameras.motorway(LANE);
        List<TrackSnapshot> tracks = new ArrayList<>();
        for (Box b : boxes) {
            tracks.add(track(tracks.size() + 1, b, view));
        }
        return new TrafficCongestionRule(Map.of("minVehicles", 5.0))
                .evaluate(new RuleContext(view, 10, 60, tracks, null));
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
}
