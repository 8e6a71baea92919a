package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.rules.AbnormalStopRuleTest.Script;

/**
 * The hand-over's course test ({@link HandoverCourse}) through {@code abnormal_stop}: render 40000's congestion near
 * miss, a sliver left standing in lane 1 by a car passing at 18 m/s, took over "its" stop while the car's own track
 * was measured driving on past it. Tracks handed to the rule frame by frame on the road of {@link TrafficRulesTest}
 * (lane-n at x 100-104, 10 px per metre straight down); stops of 8 s.
 */
class HandoverCourseTest {

    /** Whether the rule (stops of 8 s) reports the track {@code id} over 0-20 s. */
    private static boolean reports(List<Script> scripts, int id) throws Exception {
        return !Double.isNaN(AbnormalStopRuleTest.firstHit(scripts, List.of(id)));
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
        var blob = new Script(2, AbnormalStopRuleTest.between(1.6, 20, t -> new Vec2(102, 37.7)));
        assertThat(reports(List.of(new Script(1, AbnormalStopRuleTest.between(0, 4, passing)), blob), 2)).isFalse();
        assertThat(reports(List.of(new Script(1, AbnormalStopRuleTest.between(0, 1.4, passing)), blob), 2)).isTrue();
        assertThat(reports(List.of(new Script(1, t -> t <= 1.4 ? passing.apply(t) : new Vec2(98.4, 10 + 18 * t)),
                blob), 2)).isTrue();
    }
}
