package org.skypatrol.analytics.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.SceneGeometry;
import org.skypatrol.analytics.scene.SceneParser;

/**
 * The tracker on scripted detections (straight-down camera, 10 px per metre, y north = up): merged
 * blobs, split blobs and a stopping car that fades out and back keep their identities.
 */
class TrackerTest {

    /** 10 px per metre over 200 x 200 m, straight down (shared with TrackerPeopleTest). */
    static final GroundMapping MAPPING = mapping();

    private static GroundMapping mapping() {
        try {
            return new SceneGeometry(SceneParser.parse("t", """
                    id: t
                    camera:
                      type: fixed
                      width: 2000
                      height: 2000
                      calibration:
                        - {pixel: [0, 2000], ground: [0, 0]}
                        - {pixel: [2000, 2000], ground: [200, 0]}
                        - {pixel: [2000, 0], ground: [200, 200]}
                        - {pixel: [0, 0], ground: [0, 200]}
                    """)).view().mapping();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A car's box (1.8 m x 4.5 m) centred on a ground point. */
    private static Box car(Vec2 g) {
        return new Box(g.x() * 10 - 9, 2000 - g.y() * 10 - 22.5, 18, 45);
    }

    private static Detection det(Box b) {
        return new Detection(b, ObjectClass.CAR, 0.9, false);
    }

    private static Box union(Box a, Box b) {
        double x0 = Math.min(a.x(), b.x());
        double y0 = Math.min(a.y(), b.y());
        return new Box(x0, y0, Math.max(a.x() + a.w(), b.x() + b.w()) - x0, Math.max(a.y() + a.h(), b.y() + b.h()) - y0);
    }

    @Test
    void twoCarsMergedIntoOneBlob_stayTwoTracksInTheirOwnLanes() {
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        List<TrackSnapshot> last = List.of();
        for (int i = 0; i <= 50; i++) {
            double t = i / 5.0;
            Box a = car(new Vec2(95, 10 + 10 * t));
            Box b = car(new Vec2(98.6, 11 + 10 * t));
            List<Detection> dets = t >= 4 && t <= 6 ? List.of(det(union(a, b))) : List.of(det(a), det(b));
            last = tracker.update(t, dets, MAPPING);
            if (t >= 4 && t <= 6) {
                assertThat(last).hasSize(2);
                for (TrackSnapshot s : last) {
                    // each keeps its own lane: nobody stands on the blob's middle (96.8 m)
                    assertThat(Math.abs(s.ground().x() - 96.8)).isGreaterThan(1.0);
                }
            }
        }
        assertThat(tracker.created()).isEqualTo(2);
        assertThat(tracker.merges()).isPositive();
        assertThat(last).extracting(TrackSnapshot::id).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void carSplitIntoBodyAndRoof_staysOneTrack() {
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        for (int i = 0; i <= 40; i++) {
            double t = i / 5.0;
            Box whole = car(new Vec2(50, 10 + 3 * t));
            List<Detection> dets = t < 3 ? List.of(det(whole))
                    : List.of(det(new Box(whole.x(), whole.y(), whole.w(), whole.h() * 0.45)),
                            det(new Box(whole.x() + 2, whole.y() + whole.h() * 0.55, whole.w() - 4, whole.h() * 0.45)));
            tracker.update(t, dets, MAPPING);
        }
        assertThat(tracker.created()).isEqualTo(1);
        assertThat(tracker.splitsMerged()).isPositive();
    }

    @Test
    void bagPutDownBesideAPerson_isNotJoinedToThePerson() {
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        List<TrackSnapshot> last = List.of();
        for (int i = 0; i <= 50; i++) {
            double t = i / 5.0;
            Vec2 p = new Vec2(50, t < 4 ? 50 : 50 + 1.2 * (t - 4));            // stands, then walks off
            List<Detection> dets = new ArrayList<>();
            dets.add(new Detection(new Box(p.x() * 10 - 4, 2000 - p.y() * 10 - 6, 8, 12), ObjectClass.PERSON, 0.9, false));
            if (t >= 1) {                                                       // the bag, beside the feet
                dets.add(new Detection(new Box(500, 2000 - 500 + 2, 4, 4), ObjectClass.STATIC_OBJECT, 0.9, true));
            }
            last = tracker.update(t, dets, MAPPING);
        }
        assertThat(last).extracting(TrackSnapshot::cls).contains(ObjectClass.PERSON, ObjectClass.STATIC_OBJECT);
        assertThat(tracker.splitsMerged()).isZero();
    }

    @Test
    void stoppingCarThatFadesOutAndBack_keepsItsId_anotherCarFarAwayDoesNot() {
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i <= 60; i++) {
            double t = i / 5.0;
            Vec2 g = new Vec2(60, t < 4 ? 20 + 2 * t : 28);          // creeps at 2 m/s, stops at 28 m
            List<Detection> dets = new ArrayList<>();
            if (t < 4.4 || t > 8) {                                  // gone for 3.6 s while it stops
                dets.add(det(car(g)));
            }
            if (t > 9) {
                dets.add(det(car(new Vec2(80, 28))));                // someone else, 20 m away
            }
            tracker.update(t, dets, MAPPING).forEach(s -> ids.add(s.id()));
        }
        assertThat(tracker.reidentified()).isEqualTo(1);
        assertThat(ids).hasSize(2);
    }

    @Test
    void parkedCarFadingIntoPieces_isOneTrack_aBoxFurtherAwayIsAnother() {
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        Box whole = car(new Vec2(60, 28));                                  // parked: y 1697.5 .. 1742.5
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i <= 60; i++) {
            double t = i / 5.0;
            List<Detection> dets = new ArrayList<>();
            if (t < 4) {
                dets.add(new Detection(whole, ObjectClass.CAR, 0.9, true));
            } else {                                                        // absorbed into the background:
                dets.add(new Detection(new Box(whole.x(), whole.y(), 18, 38), ObjectClass.CAR, 0.9, true));
                if (t >= 5) {           // ... and a piece of its front 4 px beyond the box the track now holds
                    dets.add(new Detection(new Box(whole.x() + 3, whole.y() + 42, 12, 6), ObjectClass.STATIC_OBJECT, 0.9, true));
                }
            }
            if (t >= 6) {                                                   // a box on the road 3 m ahead
                dets.add(new Detection(new Box(595, 2000 - 250 + 25, 8, 6), ObjectClass.STATIC_OBJECT, 0.9, true));
            }
            tracker.update(t, dets, MAPPING).forEach(s -> ids.add(s.id()));
        }
        assertThat(tracker.fragments()).isPositive();
        assertThat(tracker.created()).isEqualTo(2);
        assertThat(ids).hasSize(2);
    }

    @Test
    void carBrakingToAStop_fadesAndReappearsAsAStaticPiece_keepsItsId() {
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        Set<Integer> ids = new HashSet<>();
        Box stopped = car(new Vec2(60, 32));
        for (int i = 0; i <= 50; i++) {
            double t = i / 5.0;
            List<Detection> dets = new ArrayList<>();
            if (t <= 3) {                                   // 4 m/s (too fast to re-identify once lost), stops at 32 m
                dets.add(det(car(new Vec2(60, 20 + 4 * t))));
            } else if (t >= 4.4) {                          // gone 1.4 s, then its rear shows up as newly static
                dets.add(new Detection(new Box(stopped.x() + 3, stopped.y() + 37, 12, 10), ObjectClass.CAR, 0.9, true));
            }
            tracker.update(t, dets, MAPPING).forEach(s -> ids.add(s.id()));
        }
        assertThat(tracker.created()).isEqualTo(1);
        assertThat(tracker.reidentified()).isEqualTo(1);
        assertThat(ids).hasSize(1);
    }

    @Test
    void blobWithABogusVelocity_doesNotCoastOntoAnotherObject() {
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        // a flickering blob whose foot jumps 3 m back and forth: its filter speed is noise
        for (int i = 0; i <= 10; i++) {
            double t = i / 5.0;
            tracker.update(t, List.of(det(car(new Vec2(50, i % 2 == 0 ? 100 : 103)))), MAPPING);
        }
        // it vanishes; 1.4 s later a car appears 12 m down the road: not the blob coasting there
        tracker.update(2.2, List.of(), MAPPING);
        tracker.update(2.4, List.of(), MAPPING);
        for (int i = 0; i < 5; i++) {
            tracker.update(3.4 + i / 5.0, List.of(det(car(new Vec2(50, 88 - 2 * i)))), MAPPING);
        }
        assertThat(tracker.created()).isEqualTo(2);
    }

    @Test
    void carBrakingHard_seenAsAStillBlobAndAStillPieceOfIt_staysOneTrack() {
        // 8 m/s, then hidden for 0.8 s while it brakes to a stop at 40 m; once still, the detector's moving
        // mask (not changing) and its newly static mask find it both: the whole car and its front third
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        Set<Integer> ids = new HashSet<>();
        Box stopped = car(new Vec2(60, 40));
        for (int i = 0; i <= 50; i++) {
            double t = i / 5.0;
            List<Detection> dets = new ArrayList<>();
            if (t <= 3) {
                dets.add(det(car(new Vec2(60, 10 + 8 * t))));
            } else if (t >= 4) {
                dets.add(new Detection(stopped, ObjectClass.CAR, 0.9, true));
                dets.add(new Detection(new Box(stopped.x() + 2, stopped.y(), 14, 15), ObjectClass.STATIC_OBJECT, 0.9, true));
            }
            tracker.update(t, dets, MAPPING).forEach(s -> ids.add(s.id()));
        }
        assertThat(tracker.nested()).isPositive();
        assertThat(tracker.created()).isEqualTo(1);
        assertThat(ids).hasSize(1);
    }

    @Test
    void twoCarsOneBehindTheOther_oneTrackHoldingBoth_areNotJoinedAgain() {
        // the follower's track took the blob of both cars while the leader was hidden in it; once the
        // detector separates them, both lie inside that track's box, but their union is a truck's length
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        Set<Integer> ids = new HashSet<>();
        Box leader = car(new Vec2(60, 50));
        for (int i = 0; i <= 50; i++) {
            double t = i / 5.0;
            Box follower = car(new Vec2(60, Math.min(45.4, 20 + 6 * t)));
            List<Detection> dets = new ArrayList<>();
            if (t < 3) {
                dets.add(det(follower));
            } else if (t < 5) {
                dets.add(det(union(leader, follower)));
            } else {
                dets.add(new Detection(leader, ObjectClass.CAR, 0.9, true));
                dets.add(new Detection(follower, ObjectClass.CAR, 0.9, true));
            }
            tracker.update(t, dets, MAPPING).forEach(s -> ids.add(s.id()));
        }
        assertThat(tracker.created()).isEqualTo(2);
        assertThat(ids).hasSize(2);
    }

    @Test
    void parkedCarSeenOnlyAsItsFrontAndRear_staysOneStandingTrackWhereItParked() {
        // seen from above, a parked car whose cabin matches the road fades into two pieces: rear and front
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        Box whole = car(new Vec2(60, 28));
        Set<Integer> ids = new HashSet<>();
        List<TrackSnapshot> last = List.of();
        for (int i = 0; i <= 75; i++) {
            double t = i / 5.0;
            List<Detection> dets = new ArrayList<>();
            if (t < 6) {
                dets.add(new Detection(whole, ObjectClass.CAR, 0.9, t >= 1));
            } else if (i % 3 != 0) {                                           // mostly its rear ...
                dets.add(new Detection(new Box(whole.x(), whole.y() + 27, 18, 18), ObjectClass.CAR, 0.9, true));
            } else {                                                            // ... sometimes its front
                dets.add(new Detection(new Box(whole.x() + 1, whole.y(), 16, 13), ObjectClass.STATIC_OBJECT, 0.9, true));
            }
            last = tracker.update(t, dets, MAPPING);
            last.forEach(s -> ids.add(s.id()));
        }
        assertThat(ids).hasSize(1);
        assertThat(tracker.pieces()).isPositive();
        TrackSnapshot s = last.get(0);
        assertThat(s.ground().distance(new Vec2(60, 28))).isLessThan(0.5);
        assertThat(s.stationarySinceSeconds()).isLessThan(3.0);    // its dwell runs on from when it parked
    }
}
