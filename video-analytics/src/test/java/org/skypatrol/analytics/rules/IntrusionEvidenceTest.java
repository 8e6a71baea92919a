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
 * {@code restricted_area_intrusion} asks for a track seen steadily, not one lost and re-attached metres
 * away inside the zone (crowd_running-near_miss: a jogger's track jumped 6.5 m onto the building site's
 * painted outline after a 1 s gap). Tracks are handed to the rule directly so the history is exact.
 */
class IntrusionEvidenceTest {

    private static final String DEPOT = """
            zones:
              - {id: depot, kind: restricted, metres: [[0, 100], [30, 100], [30, 130], [0, 130]]}
            """;

    /** A 0.5 m person at ground point g on the scenario camera (10 px per metre, straight down). */
    private static Box box(Vec2 g) {
        return new Box(g.x() * 10 - 2.5, 2000 - g.y() * 10 - 2.5, 5, 5);
    }

    private static TrackSnapshot track(List<TrackPoint> h) {
        TrackPoint last = h.get(h.size() - 1);
        return new TrackSnapshot(7, ObjectClass.PERSON, last.box(), last.ground(), new Vec2(0, 1.5),
                h.get(0).timeSeconds(), Double.NaN, false, 0, h);
    }

    private static TrackPoint at(double t, Vec2 g) {
        return new TrackPoint(t, g, g, box(g), 1.5);
    }

    private static List<RuleHit> evaluate(TrackSnapshot t, SceneView view) {
        return new RestrictedAreaIntrusionRule(Map.of()).evaluate(new RuleContext(view, 12.4, 62, List.of(t), null));
    }

    @Test
    void walkerSeenEveryFrame_fires_trackJumpingInAfterAGap_doesNot() throws Exception {
        SceneView view = new Scenario(DEPOT).view();
        List<TrackPoint> steady = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {                       // 10.4-12.4 s at 5 fps, 1.5 m/s northwards
            steady.add(at(10.4 + i * 0.2, new Vec2(15, 99 + 0.3 * i)));
        }
        assertThat(evaluate(track(steady), view)).hasSize(1);
        // same end, but seen at 10.4 s 25 m away, then only at 11.4 and 12.4 s inside
        List<TrackPoint> jumpy = List.of(at(10.4, new Vec2(40, 80)), at(11.4, new Vec2(15, 101.5)),
                at(12.4, new Vec2(15, 102)));
        assertThat(evaluate(track(jumpy), view)).isEmpty();
        // a camera analysed at 1 fps is allowed its own gap
        List<RuleHit> slow = new RestrictedAreaIntrusionRule(Map.of("maxGapSeconds", 1.1))
                .evaluate(new RuleContext(view, 12.4, 62, List.of(track(jumpy)), null));
        assertThat(slow).hasSize(1);
    }
}
