package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code solid_line_crossing} and a track that jumps past the end of a short solid line (tuning render 10000,
 * truck_lane_violation-positive: a piece of the truck beside the lane divider lost, its track re-attached
 * 0.6 s later to a car 8 m across and 5 m beyond the line's end, which then drove on beside the line's
 * other side). Tracks are handed to the rule directly so the history is exact.
 */
class SolidLineJumpTest {

    private static final String SHORT_LINE = """
            lines:
              - {id: divider, kind: solid_line, metres: [[97, 50], [97, 80]]}
            """;

    private static TrackPoint at(double t, double x, double y) {
        Vec2 g = new Vec2(x, y);
        return new TrackPoint(t, g, g, new Box(x * 10 - 9, 2000 - y * 10 - 22, 18, 45), 10);
    }

    private static List<RuleHit> judge(Map<String, Double> rules) throws Exception {
        SceneView view = new Scenario(SHORT_LINE).view();
        List<TrackPoint> h = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {                              // 4.0-5.0 s beside the line, 2 m to its left
            h.add(at(4.0 + 0.2 * i, 95, 60 + 2 * i));
        }
        for (int i = 0; i <= 9; i++) {                              // from 5.6 s 4 m right of its course, past its start
            h.add(at(5.6 + 0.2 * i, 101, 45 + 2 * i));
        }
        TrackPoint last = h.get(h.size() - 1);
        var t = new TrackSnapshot(13, ObjectClass.CAR, last.box(), last.ground(), new Vec2(0, 10), 4.0, Double.NaN, false,
                0, h);
        return new SolidLineCrossingRule(rules).evaluate(new RuleContext(view, last.timeSeconds(), 74, List.of(t), null));
    }

    @Test
    void trackJumpingAcrossPastTheLinesEnd_isNoCrossing() throws Exception {
        assertThat(judge(Map.of())).isEmpty();
        assertThat(judge(Map.of("maxLateralMps", 100.0))).hasSize(1);          // the jump test off: it would fire
    }
}
