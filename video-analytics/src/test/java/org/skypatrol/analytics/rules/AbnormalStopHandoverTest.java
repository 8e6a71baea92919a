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
 * {@code abnormal_stop} when the stopping car changes track (tuning renders, seed 2000 abnormal_stop-positive):
 * the car brakes to rest, its blob leaves the moving mask, its old track takes a sliver and coasts off, and
 * the standing car is a new track that never moved. Tracks are handed to the rule frame by frame so the
 * histories are exact. Road of {@link TrafficRulesTest} (lane-n at x 100-104).
 */
class AbnormalStopHandoverTest {

    /** A box of w x l metres centred on ground point g on the scenario camera (10 px per metre, straight down). */
    private static Box box(Vec2 g, double w, double l) {
        return new Box(g.x() * 10 - w * 5, 2000 - g.y() * 10 - l * 5, w * 10, l * 10);
    }

    /** The braking car's own track: 20 m/s braking to rest at y = 40 at 4 s, standing to 6 s, then a sliver driving off. */
    private static TrackPoint braking(double t) {
        if (t <= 6.0) {
            double y = t < 4 ? 40 - 2.5 * (4 - t) * (4 - t) : 40;
            Vec2 g = new Vec2(102, y);
            return new TrackPoint(t, g, g, box(g, 1.8, 4.5), t < 4 ? 5 * (4 - t) : 0);
        }
        Vec2 g = new Vec2(102, 41 + 4 * (t - 6.2));
        return new TrackPoint(t, g, g, box(g, 1.6, 0.7), 4);
    }

    /**
     * Runs the rule over 0-16 s at 5 fps; the standing car's new track appears at 6.2 s {@code offset} metres
     * behind where the braking car stood. Returns the first frame time the new track is reported, NaN if never.
     */
    private static double firstHit(Map<String, Double> rules, double offset) throws Exception {
        SceneView view = new Scenario(TrafficRulesTest.ROAD).view();
        AbnormalStopRule rule = new AbnormalStopRule(rules);
        List<TrackPoint> first = new ArrayList<>();
        List<TrackPoint> second = new ArrayList<>();
        Vec2 stands = new Vec2(102, 40 - offset);
        for (int i = 0; i <= 80; i++) {
            double t = i / 5.0;
            List<TrackSnapshot> tracks = new ArrayList<>();
            if (t <= 8.6) {
                first.add(braking(t));
                TrackPoint last = first.get(first.size() - 1);
                tracks.add(new TrackSnapshot(1, ObjectClass.CAR, last.box(), last.ground(), new Vec2(0, last.speedMps()),
                        0, Double.NaN, false, 0, first));
            }
            if (t >= 6.2 - 1e-9) {
                second.add(new TrackPoint(t, stands, stands, box(stands, 1.8, 4.5), 0));
                tracks.add(new TrackSnapshot(2, ObjectClass.CAR, box(stands, 1.8, 4.5), stands, new Vec2(0, 0),
                        6.2, 6.2, true, 0, second));
            }
            List<RuleHit> hits = rule.evaluate(new RuleContext(view, t, i, tracks, null));
            if (hits.stream().anyMatch(h -> h.trackIds().contains(2))) {
                return t;
            }
        }
        return Double.NaN;
    }

    @Test
    void standingCarsNewTrack_takesOverTheStop_fromWhenTheCarCameToRest() throws Exception {
        // came to rest at 4 s (within the 1 m rest radius from 3.4 s): 8 s later, not 8 s after its new track
        // was first seen (14.2 s)
        assertThat(firstHit(Map.of("stopSeconds", 8.0), 0.7)).isBetween(11.2, 12.2);
    }

    @Test
    void standingTrackFarFromWhereTheCarStopped_orWithTheHandoverOff_isNoStop() throws Exception {
        // a still blob that never moved is no vehicle that drove in (a ghost, a mark): unless it is where one came to rest
        assertThat(firstHit(Map.of("stopSeconds", 8.0), 6)).isNaN();
        assertThat(firstHit(Map.of("stopSeconds", 8.0, "handoverMetres", 0.0), 0.7)).isNaN();
    }
}
