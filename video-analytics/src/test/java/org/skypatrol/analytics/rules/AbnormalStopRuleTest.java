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
 * {@code abnormal_stop} on the held-out renders' misses (seeds 29000, 31000, 32000 abnormal_stop-positive): the
 * stopping car's track lost while it still braked, and the stopped car split into two tracks whose top half
 * read as a queue. Tracks are handed to the rule frame by frame, exact histories, on the road of
 * {@link TrafficRulesTest} (lane-n at x 100-104, 10 px per metre straight down); stops of 8 s.
 */
class AbnormalStopRuleTest {

    private static final Map<String, Double> RULES = Map.of("stopSeconds", 8.0);

    /** One track of the script: its id and where it is measured at a time (null: not seen then). */
    record Script(int id, DoubleFunction<Vec2> at) {
    }

    /** A box of 1.8 x 4.5 m centred on ground point g (10 px per metre, straight down). */
    private static Box box(Vec2 g) {
        return new Box(g.x() * 10 - 9, 2000 - g.y() * 10 - 22.5, 18, 45);
    }

    /** From {@code a} at {@code t0} braking evenly to rest at {@code b} at {@code t1}, standing after. */
    private static DoubleFunction<Vec2> brakingTo(Vec2 a, Vec2 b, double t0, double t1) {
        return TrafficRulesTest.braking(a, b, t0, t1);
    }

    /** The script's tracks at 5 fps over 0-20 s; returns the first time a track of {@code ids} is reported, NaN if never. */
    static double firstHit(List<Script> scripts, List<Integer> ids) throws Exception {
        SceneView view = new Scenario(TrafficRulesTest.ROAD).view();
        AbnormalStopRule rule = new AbnormalStopRule(RULES);
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
            List<RuleHit> hits = rule.evaluate(new RuleContext(view, t, i, tracks, null));
            if (hits.stream().anyMatch(h -> h.trackIds().stream().anyMatch(ids::contains))) {
                return t;
            }
        }
        return Double.NaN;
    }

    /** Seen only between t0 and t1 (inclusive). */
    static DoubleFunction<Vec2> between(double t0, double t1, DoubleFunction<Vec2> path) {
        return t -> t < t0 - 1e-9 || t > t1 + 1e-9 ? null : path.apply(t);
    }

    /**
     * Held-out render 32000: the car drove in and stands from 4 s; at 7 s its top half becomes a track of its own,
     * standing 4 m ahead (a car's roof seen obliquely has its foot beyond the car). That piece never moved and
     * appeared after the car stopped: it queued nowhere, and the car's stop is reported at 12 s.
     */
    @Test
    void pieceOfTheStoppedCar_firstSeenStandingAfterItStopped_isNoQueue() throws Exception {
        var car = new Script(1, brakingTo(new Vec2(102, 20), new Vec2(102, 40), 0, 4));
        var piece = new Script(2, between(7, 20, t -> new Vec2(102, 44)));
        assertThat(firstHit(List.of(car, piece), List.of(1))).isBetween(11.8, 12.6);
    }

    /** A car that drove in and stands 8 m ahead of it in the same lane is a queue: a stop in it is no abnormal stop. */
    @Test
    void carThatDroveInAndStandsAhead_isAQueue() throws Exception {
        var car = new Script(1, brakingTo(new Vec2(102, 20), new Vec2(102, 40), 0, 4));
        var ahead = new Script(2, brakingTo(new Vec2(102, 25), new Vec2(102, 48), 0, 3.6));
        assertThat(firstHit(List.of(car, ahead), List.of(1, 2))).isNaN();
    }

    /**
     * Held-out render 29000: the braking car's track (from 10 m/s at y 20 to rest at y 40 at 4 s) is last measured at
     * 2 s (at 5.5 m/s); a new track picks the car up at 2.4 s, creeping to rest where the first was heading. The new
     * track never drove in (under 15 km/h all its life), but the vehicle did: its stop counts from its rest (within
     * 1 m of where it stands from 3.2 s) and is reported 8 s later.
     */
    @Test
    void carLostWhileBraking_newTrackWhereItWasHeading_takesOverTheStop() throws Exception {
        var braking = brakingTo(new Vec2(102, 20), new Vec2(102, 40), 0, 4);
        var lost = new Script(1, between(0, 2.0, braking));
        var found = new Script(2, between(2.4, 20, braking));
        assertThat(firstHit(List.of(lost, found), List.of(2))).isBetween(11.0, 12.4);
    }

    /**
     * Held-out render 31000: the track that took the standing car is itself lost at 6 s and a third one stands
     * there from 6.4 s: the stop hands on from the second's rest, reported ~8 s after the car came to rest.
     */
    @Test
    void standingCarsTrackLostAgain_theNextOneStillTakesOverTheStop() throws Exception {
        var braking = brakingTo(new Vec2(102, 20), new Vec2(102, 40), 0, 4);
        var lost = new Script(1, between(0, 2.0, braking));
        var found = new Script(2, between(2.4, 6.0, braking));
        var again = new Script(3, between(6.4, 20, t -> new Vec2(102, 40.3)));
        assertThat(firstHit(List.of(lost, found, again), List.of(3))).isBetween(11.0, 12.4);
    }

    /**
     * What the hand-over must not take for a stopped vehicle: a car at 30 m/s last measured 3 m before a still
     * blob (stopping there would take 60 m/s², far past any brakes), a car in the next lane 6 m to the side, and
     * a still blob first seen long (3 s) after the car was last measured.
     */
    @Test
    void stillBlobNotOnABrakingCarsCourse_isNoStop() throws Exception {
        var blob = new Script(2, between(2.6, 20, t -> new Vec2(102, 40)));
        var fast = new Script(1, between(0, 2.4, t -> new Vec2(102, 37 - 30 * (2.4 - t))));
        assertThat(firstHit(List.of(fast, blob), List.of(2))).isNaN();
        var braking = brakingTo(new Vec2(96, 20), new Vec2(96, 40), 0, 4);
        var beside = new Script(1, between(0, 2.0, braking));
        assertThat(firstHit(List.of(beside, blob), List.of(2))).isNaN();
        var earlier = new Script(1, between(0, 2.0, brakingTo(new Vec2(102, 20), new Vec2(102, 40), 0, 4)));
        var late = new Script(2, between(5.6, 20, t -> new Vec2(102, 40)));
        assertThat(firstHit(List.of(earlier, late), List.of(2))).isNaN();
    }

    /**
     * Render 24000 traffic_congestion-near_miss: a track that took over a rest and then crept on 7 m no longer
     * stands at that rest; its stop counts from when it stands again (~8.8 s), not from the rest it left.
     */
    @Test
    void trackThatCreptOnFromTheRestItTookOver_countsItsOwnStop() throws Exception {
        var braking = brakingTo(new Vec2(102, 20), new Vec2(102, 40), 0, 4);
        var lost = new Script(1, between(0, 2.0, braking));
        var found = new Script(2, between(2.4, 20, t -> t <= 7 ? braking.apply(t)
                : new Vec2(102, 40 + 7 * Math.min(1, (t - 7) / 2))));
        assertThat(firstHit(List.of(lost, found), List.of(2))).isGreaterThan(16.4);
    }
}
