package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * The hand-over's course test ({@link HandoverCourse}) through {@code abnormal_stop}: render 40000's congestion near
 * miss, a sliver left standing in lane 1 by a car passing at 18 m/s, took over "its" stop while the car's own track
 * was measured driving on past it. Tracks handed to the rule frame by frame on the road of {@link TrafficRulesTest}
 * (lane-n at x 100-104, 10 px per metre straight down); stops of 8 s.
 */
class HandoverCourseTest {

    private record Script(int id, DoubleFunction<Vec2> at) {
    }

    private static Box box(Vec2 g) {
        return new Box(g.x() * 10 - 9, 2000 - g.y() * 10 - 22.5, 18, 45);
    }

    /** Whether the rule reports the track {@code id} over 0-20 s at 5 fps (filtered = measured positions). */
    private static boolean reports(List<Script> scripts, int id) throws Exception {
        SceneView view = new Scenario(TrafficRulesTest.ROAD).view();
        AbnormalStopRule rule = new AbnormalStopRule(Map.of("stopSeconds", 8.0));
        Map<Integer, List<TrackPoint>> histories = new HashMap<>();
        for (int i = 0; i <= 100; i++) {
            double t = i / 5.0;
            List<TrackSnapshot> tracks = new ArrayList<>();
            for (Script s : scripts) {
                Vec2 g = s.at().apply(t);
                if (g == null) {
                    continue;
                }
                List<TrackPoint> h = histories.computeIfAbsent(s.id(), k -> new ArrayList<>());
                Vec2 v = h.isEmpty() ? new Vec2(0, 0) : g.minus(h.get(h.size() - 1).ground()).times(5);
                h.add(new TrackPoint(t, g, g, box(g), v.length()));
                double since = t;
                for (int k = h.size() - 1; k >= 0 && h.get(k).ground().distance(g) < 0.05; k--) {
                    since = h.get(k).timeSeconds();
                }
                boolean still = t - since >= 0.6 - 1e-9;
                boolean neverMoved = h.stream().allMatch(q -> q.ground().distance(h.get(0).ground()) < 0.05);
                tracks.add(new TrackSnapshot(s.id(), ObjectClass.CAR, box(g), g, still ? new Vec2(0, 0) : v,
                        h.get(0).timeSeconds(), still ? since : Double.NaN, neverMoved, 0, h));
            }
            if (rule.evaluate(new RuleContext(view, t, i, tracks, null)).stream().anyMatch(h -> h.trackIds().contains(id))) {
                return true;
            }
        }
        return false;
    }

    /** Seen only between t0 and t1 (inclusive). */
    private static DoubleFunction<Vec2> between(double t0, double t1, DoubleFunction<Vec2> path) {
        return t -> t < t0 - 1e-9 || t > t1 + 1e-9 ? null : path.apply(t);
    }

    /**
     * A car at 18 m/s from y 10; from 1.6 s a still blob stands at y 37.7, 1 m behind it (a car braking from 18 m/s
     * at 1.3 g could have stopped there). Seen driving on along its lane, the car did not stop there: no stop. Lost
     * at 1.4 s instead (its track coasting, unseen), the blob is the stopped car, reported 8 s on; and so it is when
     * its track is seen driving on a lane (3.6 m) to the side, on a car it swapped onto.
     */
    @Test
    void stillBlobACarLeftBehindDrivingOn_takesNoStopOver_oneWhereItsTrackWasLost_does() throws Exception {
        DoubleFunction<Vec2> passing = t -> new Vec2(102, 10 + 18 * t);
        var blob = new Script(2, between(1.6, 20, t -> new Vec2(102, 37.7)));
        assertThat(reports(List.of(new Script(1, between(0, 4, passing)), blob), 2)).isFalse();
        assertThat(reports(List.of(new Script(1, between(0, 1.4, passing)), blob), 2)).isTrue();
        assertThat(reports(List.of(new Script(1, t -> t <= 1.4 ? passing.apply(t) : new Vec2(98.4, 10 + 18 * t)),
                blob), 2)).isTrue();
    }
}
