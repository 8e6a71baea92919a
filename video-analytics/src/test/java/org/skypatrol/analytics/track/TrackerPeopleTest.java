package org.skypatrol.analytics.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Vec2;

/**
 * The people a detection holds (a merged group's estimate) reach the rules through the tracker:
 * kept per track, shared when one blob covers two tracks, summed when a track's pieces are joined.
 * Straight-down camera, 10 px per metre, y north = up.
 */
class TrackerPeopleTest {

    /** A square box of side {@code side} metres centred on a ground point. */
    private static Box box(Vec2 g, double side) {
        return new Box(g.x() * 10 - side * 5, 2000 - g.y() * 10 - side * 5, side * 10, side * 10);
    }

    @Test
    void aGroupsEstimate_isItsTracks_andOnePersonIsOne() throws Exception {
        GroundMapping m = TrackerTest.MAPPING;
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        List<TrackSnapshot> last = List.of();
        for (int i = 0; i <= 10; i++) {
            double t = i / 5.0;
            last = tracker.update(t, List.of(
                    new Detection(box(new Vec2(50, 50), 3), ObjectClass.CAR, 0.9, false, 7.5 + (i % 2), 0.3),
                    new Detection(box(new Vec2(80, 50), 0.8), ObjectClass.PERSON, 0.9, false)), m);
        }
        assertThat(last).hasSize(2);
        TrackSnapshot group = last.stream().filter(s -> s.ground().x() < 60).findFirst().orElseThrow();
        TrackSnapshot person = last.stream().filter(s -> s.ground().x() > 60).findFirst().orElseThrow();
        assertThat(group.people()).isEqualTo(7.5);      // the latest detection's estimate (frame 10: 7.5 + 0)
        assertThat(group.changing()).isEqualTo(0.3);
        assertThat(person.people()).isEqualTo(1.0);
        assertThat(person.changing()).isNaN();          // not measured for this detection
    }

    @Test
    void oneBlobOverTwoTracks_sharesItsPeopleByBoxArea() throws Exception {
        GroundMapping m = TrackerTest.MAPPING;
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        List<TrackSnapshot> last = List.of();
        Vec2 a = new Vec2(50, 50);
        Vec2 b = new Vec2(53, 50);
        for (int i = 0; i <= 15; i++) {
            double t = i / 5.0;
            Box ba = box(a, 2);
            Box bb = box(b, 2);
            List<Detection> dets;
            if (t < 2) {
                dets = List.of(new Detection(ba, ObjectClass.CAR, 0.9, false, 4, 0.9),
                        new Detection(bb, ObjectClass.CAR, 0.9, false, 4, 0.9));
            } else {
                Box u = new Box(ba.x(), ba.y(), bb.x() + bb.w() - ba.x(), ba.h());
                dets = List.of(new Detection(u, ObjectClass.CAR, 0.9, false, 10, 0.2));
            }
            last = tracker.update(t, dets, m);
        }
        assertThat(last).hasSize(2);
        assertThat(last.stream().mapToDouble(TrackSnapshot::people).sum()).isCloseTo(10.0, within(1e-6));
        assertThat(last).allSatisfy(s -> assertThat(s.people()).isCloseTo(5.0, within(1e-6)));
        assertThat(last).allSatisfy(s -> assertThat(s.changing()).isEqualTo(0.2));
    }

    /**
     * A group voted truck (people stacked in depth) whose people walk apart: each piece still lies mostly inside the group's
     * predicted box (grown 10 %) from one frame to the next, and the union of the pieces grows by only
     * ~10 % a frame; but a vehicle does not grow, so the union may not exceed 1.3 times the box the
     * track had as one blob: the people become tracks of their own instead of one box growing without end.
     */
    @Test
    void aGroupWalkingApart_isNotHeldTogetherAsOneVehicle() throws Exception {
        GroundMapping m = TrackerTest.MAPPING;
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        List<TrackSnapshot> last = List.of();
        for (int i = 0; i <= 30; i++) {
            double t = i / 5.0;
            List<Detection> dets = new ArrayList<>();
            if (t < 2) {
                dets.add(new Detection(new Box(470, 1480, 60, 20), ObjectClass.TRUCK, 0.9, false, 6, 0.4));
            } else {
                for (int k = 0; k < 3; k++) {
                    double off = 0.6 + 1.0 * k + 1.5 * (t - 2);   // metres from the centre, 1.5 m/s apart
                    for (int side : new int[] {-1, 1}) {
                        double x = 500 + side * off * 10;
                        dets.add(new Detection(new Box(x - 4, 1481, 8, 18), ObjectClass.PERSON, 0.9, false));
                    }
                }
            }
            last = tracker.update(t, dets, m);
            // no box grows past 1.3 times the group's 60 x 20 px (the walkers' own 18 px are shorter)
            double time = t;
            assertThat(last).allSatisfy(s -> assertThat(s.box().area()).as("track %d at %.1f s", s.id(), time)
                    .isLessThanOrEqualTo(1.3 * 60 * 20));
        }
        // 4 s later the outermost walkers are 8.6 m from the centre: no track's box spans the group
        assertThat(last.stream().filter(s -> s.missedSeconds() == 0).count()).isGreaterThanOrEqualTo(4);
    }

    /**
     * A standing group voted car fades into the background and shows only a piece of itself: the piece
     * confirms the track where it stands (its box stays whole) and the people it held stay with it.
     */
    @Test
    void aStandingGroupSeenAsAPiece_keepsItsPeople() throws Exception {
        TrackSnapshot group = standingGroupSeenAsAPiece(0.3);
        assertThat(group.box()).isEqualTo(GROUP);
        assertThat(group.people()).isEqualTo(9.0);
    }

    /**
     * The same standing group dispersing: what is left is a piece most of which changes between frames
     * (its people walking or running off), not standing people faded into the background. It holds its
     * own people, not the nine the group held.
     */
    @Test
    void aStandingGroupsMovingPiece_holdsOnlyItsOwnPeople() throws Exception {
        TrackSnapshot group = standingGroupSeenAsAPiece(0.95);
        assertThat(group.box()).isEqualTo(GROUP);
        assertThat(group.people()).isEqualTo(2.0);
    }

    /** Where the standing group of nine stands (a 4 m box), voted car. */
    private static final Box GROUP = box(new Vec2(50, 50), 4);

    /**
     * Tracks a standing group of nine for 4 s, then for 2 s only a piece of it holding two people, of
     * which {@code pieceChanging} changes between frames; returns the one track left.
     */
    private static TrackSnapshot standingGroupSeenAsAPiece(double pieceChanging) {
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        List<TrackSnapshot> last = List.of();
        for (int i = 0; i <= 30; i++) {
            double t = i / 5.0;
            Detection d = t < 4 ? new Detection(GROUP, ObjectClass.CAR, 0.9, false, 9, 0.3)
                    : new Detection(new Box(GROUP.x() + 5, GROUP.y() + 5, 15, 15), ObjectClass.PERSON, 0.9, false, 2,
                            pieceChanging);
            last = tracker.update(t, List.of(d), TrackerTest.MAPPING);
        }
        assertThat(last).hasSize(1);
        return last.get(0);
    }
}
