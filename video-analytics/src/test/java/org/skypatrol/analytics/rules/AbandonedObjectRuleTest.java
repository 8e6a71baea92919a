package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skypatrol.analytics.detect.ObjectClass.PERSON;
import static org.skypatrol.analytics.detect.ObjectClass.STATIC_OBJECT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code abandoned_object} when the owner stays with the bag and the detector merges them: the near miss
 * "a person puts a bag down and stays beside it" fired in 8 of 10 held-out renders of the seventh session.
 * The still blob the detector finds there is the bag and its owner's legs together (~28 x 23 px), and as
 * the owner fades into the background their own track's box shrinks to a sliver lying mostly inside that
 * blob. The rule took such a box for a piece of the object and ignored the owner's whole track: nobody
 * had ever been near, and the dwell ran from the bag's first sighting. A track that walked there is
 * someone, wherever its box lies; only still pieces are the object's own.
 * Test camera: straight down, 10 px per metre (see {@link Scenario}).
 */
class AbandonedObjectRuleTest {

    private static final Vec2 BAG = new Vec2(40, 40);
    /** The still blob of bag and owner: 1.4 x 1.2 m around the bag. */
    private static final Box BLOB = new Box(393, 1594, 14, 12);

    @Test
    void ownerStandingOverTheBag_mergedIntoItsBlob_isStillAttending() throws Exception {
        SceneView view = new Scenario(PeopleRulesTest.AREA).view();
        var rule = new AbandonedObjectRule(Map.of("dwellSeconds", 10.0));
        rule.evaluate(new RuleContext(view, 0, 0, List.of(), null));
        double now = 0;
        List<RuleHit> hits = List.of();
        for (int i = 40; i <= 125; i++) {                // 8 s .. 25 s at 5 fps
            now = i / 5.0;
            // the owner walks in (8-10 s), puts the bag down and stays; from 18 s the piece of them
            // still tracked is a sliver at the top of the merged blob (3 of its 5 px rows inside it)
            Box ownerBox = now < 18 ? new Box(398, 1588, 5, 8) : new Box(400, 1592, 3, 5);
            var owner = walkedIn(now, ownerBox);
            List<TrackSnapshot> tracks = now < 10.4 ? List.of(owner) : List.of(owner, bag(now));
            hits = rule.evaluate(new RuleContext(view, now, i, tracks, null));
            assertThat(hits).as("the owner is over the bag at %.1f s", now).isEmpty();
        }
        // the same bag once the owner has gone (the control: the blob alone is a left object)
        var alone = new AbandonedObjectRule(Map.of("dwellSeconds", 10.0));
        alone.evaluate(new RuleContext(view, 0, 0, List.of(), null));
        for (int i = 40; i <= 52; i++) {
            alone.evaluate(new RuleContext(view, i / 5.0, i, List.of(walkedIn(i / 5.0, new Box(398, 1588, 5, 8))),
                    null));
        }
        assertThat(alone.evaluate(new RuleContext(view, now, 125, List.of(bag(now)), null))).hasSize(1);
    }

    @Test
    void stillPieceOfTheBagInsideItsBlob_isNobody() throws Exception {
        SceneView view = new Scenario(PeopleRulesTest.AREA).view();
        var rule = new AbandonedObjectRule(Map.of("dwellSeconds", 10.0));
        rule.evaluate(new RuleContext(view, 0, 0, List.of(), null));
        for (int i = 40; i <= 52; i++) {
            rule.evaluate(new RuleContext(view, i / 5.0, i, List.of(walkedIn(i / 5.0, new Box(398, 1588, 5, 8))),
                    null));
        }
        // the top of the bag, found as a still blob of its own inside the bag's: part of the object
        var top = still(9, new Box(399, 1595, 4, 4), BAG, 12, 25);
        assertThat(rule.evaluate(new RuleContext(view, 25, 125, List.of(bag(25), top), null))).hasSize(1);
    }

    /**
     * A change of light turns pieces of a zone's painted outline into foreground: a flat piece wobbles
     * along the outline as a track that "moved" (voted unknown, not people-shaped) and is gone, and a
     * still piece beside it stays. Nobody brought that: no alert (held-out render 32000, a false start at 22.6 s).
     * The same moving track people-shaped is someone who came by as the blob appeared and left: an alert.
     */
    @Test
    void flatPieceWobblingBesideABlobAsItAppears_broughtNothing_aPeopleShapedOneDid() throws Exception {
        SceneView view = new Scenario(PeopleRulesTest.AREA).view();
        for (double people : new double[] {0, 1}) {
            var rule = new AbandonedObjectRule(Map.of("dwellSeconds", 10.0));
            rule.evaluate(new RuleContext(view, 0, 0, List.of(), null));
            List<RuleHit> hits = List.of();
            for (int i = 15; i <= 125; i++) {            // 3 s .. 25 s
                double now = i / 5.0;
                var tracks = new ArrayList<TrackSnapshot>();
                if (now <= 12.4) {
                    tracks.add(wobbling(now, people));
                }
                if (now >= 12) {
                    tracks.add(still(2, new Box(397, 1598, 6, 4), BAG, 12, now));
                }
                hits = rule.evaluate(new RuleContext(view, now, i, tracks, null));
            }
            assertThat(hits).as(people == 0 ? "an outline piece" : "someone people-shaped").hasSize((int) people);
        }
    }

    /** A track 1 m west of the bag from 3 s, its foot wobbling 0.4 m east and west (it moved), holding {@code people}. */
    private static TrackSnapshot wobbling(double now, double people) {
        var h = new ArrayList<TrackPoint>();
        Box box = new Box(385, 1598, 8, 3);
        for (double t = 3; t <= now + 1e-9; t += 0.2) {
            Vec2 g = BAG.plus(new Vec2(-1 + 0.4 * Math.sin(t * 3), 0));
            h.add(new TrackPoint(t, g, g, box, 0.5, people, 0.5));
        }
        return new TrackSnapshot(5, org.skypatrol.analytics.detect.ObjectClass.UNKNOWN, box,
                h.get(h.size() - 1).ground(), new Vec2(0.5, 0), 3, Double.NaN, false, 0, h, people, 0.5);
    }

    /** The bag's still track, first seen at 10.4 s, its box the merged blob. */
    private static TrackSnapshot bag(double now) {
        return still(2, BLOB, BAG, 10.4, now);
    }

    private static TrackSnapshot still(int id, Box box, Vec2 g, double since, double now) {
        var h = new ArrayList<TrackPoint>();
        for (double t = since; t <= now + 1e-9; t += 0.2) {
            h.add(new TrackPoint(t, g, g, box, 0));
        }
        return new TrackSnapshot(id, STATIC_OBJECT, box, g, new Vec2(0, 0), since, since, true, 0, h);
    }

    /**
     * The owner's track: walked 10 m east to 0.5 m south of the bag from 8 to 10 s, standing there since;
     * its box now {@code box}.
     */
    private static TrackSnapshot walkedIn(double now, Box box) {
        var h = new ArrayList<TrackPoint>();
        Vec2 stand = BAG.plus(new Vec2(0, -0.5));
        for (double t = 8; t <= now + 1e-9; t += 0.2) {
            double f = Math.min(1, (t - 8) / 2);
            Vec2 g = stand.plus(new Vec2(-10 * (1 - f), 0));
            h.add(new TrackPoint(t, g, g, box, t < 10 ? 5 : 0, 1, 0.3));
        }
        Vec2 g = h.get(h.size() - 1).ground();
        return new TrackSnapshot(1, PERSON, box, g, new Vec2(now < 10 ? 5 : 0, 0), 8,
                now < 10 ? Double.NaN : 10, false, 0, h, 1, 0.3);
    }
}
