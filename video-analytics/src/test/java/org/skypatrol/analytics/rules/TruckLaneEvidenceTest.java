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
 * {@code truck_lane_violation} on the boxes a truck's track really had on the tuning renders (seed 4000,
 * urban camera 640 x 360 looking down the road): first cut by the frame's top while measuring large, then
 * merged with a car in the next lane, when the tracker holds the box it had (same size to the pixel while
 * the truck comes nearer, so it reads ever smaller). Tracks are handed to the rule directly.
 */
class TruckLaneEvidenceTest {

    /** The southbound lane of the urban scene where trucks may not drive. */
    private static final String ZONES = """
            zones:
              - {id: sb-lane-1, kind: no_trucks, metres: [[-3.5, -40], [0, -40], [0, 260], [-3.5, 260]], directionDeg: 180}
            """;

    /** Time and box (x, y, w, h) of each observation, 4.0-6.0 s. */
    private static final double[][] TRUCK = {
            {4.0, 261, 0, 102, 80}, {4.2, 258, 0, 104, 78}, {4.4, 257, 0, 104, 90},   // cut by the top, large
            {4.6, 276, 34, 82, 62},                                                   // a piece: car-sized
            {4.8, 255, 46, 82, 62}, {5.0, 249, 58, 82, 62},                           // held through a merge
            {5.2, 245, 21, 96, 112}, {5.4, 241, 28, 100, 120},                        // whole, large
            {5.6, 239, 33, 100, 120}, {5.8, 237, 65, 100, 120}, {6.0, 234, 87, 100, 120}};  // held again

    private static List<RuleHit> judge(double[][] boxes) throws Exception {
        SceneView view = LibraryCameras.urban(ZONES);
        List<TrackPoint> h = new ArrayList<>();
        for (double[] o : boxes) {
            Box b = new Box(o[1], o[2], o[3], o[4]);
            Vec2 g = view.mapping().toGround(b.foot()).orElseThrow();
            h.add(new TrackPoint(o[0], g, g, b, 10));
        }
        TrackPoint last = h.get(h.size() - 1);
        var t = new TrackSnapshot(3, ObjectClass.CAR, last.box(), last.ground(), new Vec2(0, -10), 4.0, Double.NaN,
                false, 0, h);
        return new TruckLaneViolationRule(Map.of()).evaluate(new RuleContext(view, 6.0, 60, List.of(t), null));
    }

    @Test
    void truckMeasuredLargeWhileCutByTheTop_andHeldThroughMerges_fires() throws Exception {
        assertThat(judge(TRUCK)).hasSize(1);
    }

    @Test
    void sameBoxesMeasuredEachTime_areMostlyCarSized_andDoNotFire() throws Exception {
        // the held boxes a pixel smaller each time are measurements: then 6 of 11 large, under 0.7
        double[][] measured = new double[TRUCK.length][];
        for (int i = 0; i < TRUCK.length; i++) {
            measured[i] = TRUCK[i].clone();
            measured[i][4] -= i;
        }
        assertThat(judge(measured)).isEmpty();
    }
}
