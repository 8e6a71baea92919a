package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skypatrol.analytics.detect.ObjectClass.BICYCLE;
import static org.skypatrol.analytics.detect.ObjectClass.CAR;
import static org.skypatrol.analytics.detect.ObjectClass.PERSON;
import static org.skypatrol.analytics.detect.ObjectClass.STATIC_OBJECT;
import static org.skypatrol.analytics.rules.Scenario.line;
import static org.skypatrol.analytics.rules.Scenario.starts;
import static org.skypatrol.analytics.rules.Scenario.still;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/** Scripted scenarios for the motorway, people and object behaviours: a positive and a near miss each. */
class PeopleRulesTest {

    static final String AREA = """
            zones:
              - {id: mw, kind: motorway, metres: [[100, 0], [120, 0], [120, 200], [100, 200]]}
              - {id: square, kind: watch, metres: [[0, 0], [60, 0], [60, 60], [0, 60]]}
              - {id: depot, kind: restricted, metres: [[0, 100], [30, 100], [30, 130], [0, 130]]}
            """;

    /** This test camera has 10 px per metre: a person is 5 px wide, under the motorway rules' defaults (8, 12). */
    static final String SMALL_OK = "rules:\n  pedestrian_on_motorway: {minPixels: 4, minPartPixels: 4}\n"
            + "  non_motor_vehicle_on_motorway: {minPixels: 4}\n";

    @Test
    void pedestrianAndCyclistOnMotorway_fire_walkerBesideDoesNot() throws Exception {
        var tiny = new Scenario(AREA)
                .actor(PERSON, 0.5, 0.5, 0, 10, line(new Vec2(110, 20), new Vec2(110, 34), 0, 10))
                .run(10);
        assertThat(starts(tiny, "pedestrian_on_motorway")).as("5 px wide: too small to alert on").isEmpty();
        var seen = new Scenario(AREA + SMALL_OK)
                .actor(PERSON, 0.5, 0.5, 0, 10, line(new Vec2(110, 20), new Vec2(110, 34), 0, 10))
                .actor(BICYCLE, 0.6, 1.8, 0, 10, line(new Vec2(115, 50), new Vec2(115, 100), 0, 10))
                .actor(PERSON, 0.5, 0.5, 0, 10, line(new Vec2(96, 20), new Vec2(96, 34), 0, 10))
                .run(10);
        assertThat(starts(seen, "pedestrian_on_motorway")).hasSize(1);
        assertThat(starts(seen, "non_motor_vehicle_on_motorway")).hasSize(1);
    }

    @Test
    void motorway_personShapedBlobThatNeverMoved_isSilent_personShapedRider_isANonMotorVehicle() throws Exception {
        var artefact = new Scenario(AREA + SMALL_OK)
                .actor(PERSON, 0.5, 0.5, 0, 10, still(new Vec2(110, 60)))      // a marking flickering as a person
                .run(10);
        assertThat(starts(artefact, "pedestrian_on_motorway")).isEmpty();
        assertThat(starts(artefact, "non_motor_vehicle_on_motorway")).isEmpty();
        // a cyclist seen from behind has a person's outline; at 5 m/s nobody walks
        var rider = new Scenario(AREA + SMALL_OK)
                .actor(PERSON, 0.6, 0.6, 0, 10, line(new Vec2(115, 20), new Vec2(115, 70), 0, 10))
                .run(10);
        assertThat(starts(rider, "pedestrian_on_motorway")).isEmpty();
        assertThat(starts(rider, "non_motor_vehicle_on_motorway")).hasSize(1);
    }

    @Test
    void motorway_sliverAcrossItsTravel_isNoBicycle_smallUnknownWalker_isAPedestrian() throws Exception {
        // a car's bumper or shadow edge: bicycle-sized from above but lying across its travel
        var sliver = new Scenario(AREA + SMALL_OK)
                .actor(BICYCLE, 1.8, 0.6, 0, 10, line(new Vec2(110, 20), new Vec2(110, 60), 0, 10))
                .run(10);
        assertThat(starts(sliver, "non_motor_vehicle_on_motorway")).isEmpty();
        // only a person's legs and shadow differ from the asphalt: a small blob the tracker calls unknown
        var legs = new Scenario(AREA + SMALL_OK)
                .actor(ObjectClass.UNKNOWN, 0.9, 0.9, 0, 10, line(new Vec2(122, 40), new Vec2(108, 40), 0, 10))
                .run(10);
        assertThat(starts(legs, "pedestrian_on_motorway")).hasSize(1);
        // the same unknown blob car-sized is no pedestrian
        var car = new Scenario(AREA + SMALL_OK)
                .actor(ObjectClass.UNKNOWN, 1.9, 4.5, 0, 10, line(new Vec2(110, 30), new Vec2(110, 44), 0, 10))
                .run(10);
        assertThat(starts(car, "pedestrian_on_motorway")).isEmpty();
    }

    /**
     * A person who carries something to {@code spot}, arriving at {@code drop}: walks in from 10 m west,
     * stands 1 m south of it for a second, walks 20 m north and out of view.
     */
    private static Scenario bringer(Scenario s, Vec2 spot, double drop) {
        Vec2 from = spot.plus(new Vec2(-10, -1));
        Vec2 beside = spot.plus(new Vec2(0, -1));
        Vec2 away = spot.plus(new Vec2(-20, 20));
        return s.actor(PERSON, 0.5, 0.5, Math.max(0, drop - 8), drop + 9, t -> t <= drop
                ? line(from, beside, drop - 8, drop).apply(t) : line(beside, away, drop + 1, drop + 9).apply(t));
    }

    @Test
    void motorway_personVotedCarWalkingAcross_isAPedestrian_personSizedPieceDriftingWithTraffic_isNot() throws Exception {
        // a person whose sun shadow widens the blob to 1.3 m is voted car; walking across the lanes, a pedestrian
        var across = new Scenario(AREA + SMALL_OK)
                .actor(CAR, 1.3, 1.3, 0, 12, line(new Vec2(125, 40), new Vec2(108, 40), 0, 12))
                .run(12);
        assertThat(starts(across, "pedestrian_on_motorway")).hasSize(1);
        // a piece of a car in a queue creeping along the lane at walking pace: the same blob, along the lane
        for (ObjectClass cls : new ObjectClass[] {CAR, ObjectClass.UNKNOWN}) {
            var piece = new Scenario(AREA + SMALL_OK)
                    .actor(cls, 0.9, 0.9, 0, 12, line(new Vec2(110, 30), new Vec2(110, 47), 0, 12))
                    .run(12);
            assertThat(starts(piece, "pedestrian_on_motorway")).as(cls.id()).isEmpty();
        }
    }

    @Test
    void motorway_personSizedBlobThatOnlyTookACarsBlobFirst_didNotWalk() throws Exception {
        // the track starts on a car passing through; then a still, person-sized marking keeps it: its
        // filter "travelled", the person-sized blob never did
        var seen = new Scenario(AREA + SMALL_OK)
                .actor(CAR, 1.9, 4.5, 0, 0.2, line(new Vec2(110, 46), new Vec2(110, 50), 0, 0.2))
                .actor(PERSON, 0.6, 0.6, 0.4, 10, still(new Vec2(110, 51)))
                .run(10);
        assertThat(starts(seen, "pedestrian_on_motorway")).isEmpty();
        var walker = new Scenario(AREA + SMALL_OK)
                .actor(CAR, 1.9, 4.5, 0, 0.2, line(new Vec2(110, 46), new Vec2(110, 50), 0, 0.2))
                .actor(PERSON, 0.6, 0.6, 0.4, 10, line(new Vec2(110, 51), new Vec2(110, 63), 0.4, 10))
                .run(10);
        assertThat(starts(walker, "pedestrian_on_motorway")).hasSize(1);
    }

    /** A track standing still at {@code g} since {@code since} with box {@code box} (test camera: 10 px per metre). */
    private static TrackSnapshot standing(int id, ObjectClass cls,
                                                                        Box box, Vec2 g, double since, double now) {
        var h = new ArrayList<TrackPoint>();
        for (double t = since; t <= now + 1e-9; t += 0.2) {
            h.add(new TrackPoint(t, g, g, box, 0));
        }
        return new TrackSnapshot(id, cls, box, g, new Vec2(0, 0), since, since,
                cls == STATIC_OBJECT, 0, h);
    }

    @Test
    void abandonedObject_pieceOfAPersonStandingStill_isThePerson() throws Exception {
        // oblique view: the head and shoulders of a person standing still become a still blob inside the
        // person's box, whose foot projects 5 m beyond the person's feet
        var view = new Scenario(AREA).view();
        var person = standing(1, PERSON, new Box(395, 1540, 10, 60), new Vec2(40, 40), 0, 25);
        var piece = standing(2, STATIC_OBJECT, new Box(397, 1542, 6, 8), new Vec2(40, 45), 10, 25);
        var rule = new AbandonedObjectRule(Map.of("dwellSeconds", 10.0));
        rule.evaluate(new RuleContext(view, 0, 0, List.of(), null));
        assertThat(rule.evaluate(new RuleContext(view, 25, 125, List.of(person, piece), null))).isEmpty();
        // the same blob with nobody around it is a left object
        var alone = new AbandonedObjectRule(Map.of("dwellSeconds", 10.0));
        alone.evaluate(new RuleContext(view, 0, 0, List.of(), null));
        var ownerBox = new Box(397, 1570, 5, 5);
        var owner = new TrackSnapshot(3, PERSON, ownerBox, new Vec2(40, 43),
                new Vec2(1.3, 0), 0, Double.NaN, false, 0, List.of(new TrackPoint(
                        9.8, new Vec2(40, 43), new Vec2(40, 43), ownerBox, 1.3)));
        alone.evaluate(new RuleContext(view, 9.8, 49, List.of(owner), null));     // who put it down
        assertThat(alone.evaluate(new RuleContext(view, 25, 125, List.of(piece), null))).hasSize(1);
        // ... but not once its blob has been gone for 5 s (its stationary track still coasts)
        var gone = new TrackSnapshot(2, STATIC_OBJECT, piece.box(), piece.ground(),
                piece.velocity(), 10, 10, true, 5, piece.history().subList(0, 51));
        assertThat(alone.evaluate(new RuleContext(view, 25.2, 126, List.of(gone), null))).isEmpty();
    }

    /**
     * An owner standing still beside their bag fades into the background: what is left of them is a
     * still person-sized blob, voted unknown (or static object), no longer a person track. Someone is
     * still there: no alert. A still blob that is not people-shaped beside the bag (a second object) is
     * nobody, and the bag is left.
     */
    @Test
    void abandonedObject_ownerFadedIntoAStillBlobBesideIt_isStillThere_anotherObjectIsNobody() throws Exception {
        var view = new Scenario(AREA).view();
        var bag = standing(2, STATIC_OBJECT, new Box(397, 1598, 6, 4), new Vec2(40, 40), 10, 25);
        var ownerBox = new Box(397, 1578, 5, 5);
        var owner = new TrackSnapshot(3, PERSON, ownerBox, new Vec2(40, 42),
                new Vec2(0, -1.3), 0, Double.NaN, false, 0, List.of(new TrackPoint(
                        9.8, new Vec2(40, 42), new Vec2(40, 42), ownerBox, 1.3)));
        for (double people : new double[] {1, 0}) {
            var rule = new AbandonedObjectRule(Map.of("dwellSeconds", 10.0));
            rule.evaluate(new RuleContext(view, 0, 0, List.of(), null));
            rule.evaluate(new RuleContext(view, 9.8, 49, List.of(owner), null));     // who put it down
            var box = new Box(389, 1595, 5, 5);              // 0.8 m west of the bag
            var h = new ArrayList<TrackPoint>();
            for (double t = 12; t <= 25 + 1e-9; t += 0.2) {
                h.add(new TrackPoint(t, new Vec2(39.2, 40), new Vec2(39.2, 40), box, 0,
                        people, 0.3));
            }
            var remnant = new TrackSnapshot(4, ObjectClass.UNKNOWN, box, new Vec2(39.2, 40),
                    new Vec2(0, 0), 12, 12, true, 0, h, people, 0.3);
            assertThat(rule.evaluate(new RuleContext(view, 25, 125, List.of(bag, remnant), null)))
                    .as(people == 1 ? "the owner's person-shaped remnant" : "a second object").hasSize(people == 1 ? 0 : 1);
        }
    }

    /**
     * The detector often finds a piece of a put-down bag seconds before the whole blob whose track lasts:
     * the bag lies there since the piece's first sighting, and the dwell runs from then.
     */
    @Test
    void abandonedObject_dwellRunsFromTheFirstSightingOfAPieceOfIt() throws Exception {
        var seen = bringer(new Scenario(AREA + "rules:\n  abandoned_object: {dwellSeconds: 10}\n")
                .actor(STATIC_OBJECT, 0.4, 0.4, 9, 30, still(new Vec2(40, 40)))    // the top of the bag, found first
                .actor(STATIC_OBJECT, 1.0, 1.0, 12, 30, still(new Vec2(40, 40))), new Vec2(40, 40), 8.5)   // the whole bag
                .run(30);
        assertThat(starts(seen, "abandoned_object")).hasSize(1).allMatch(s -> s.time() < 20.5);
    }

    @Test
    void abandonedObject_pieceOfTheSameObject_isOneAlert() throws Exception {
        var seen = bringer(new Scenario(AREA + "rules:\n  abandoned_object: {dwellSeconds: 10}\n")
                .actor(STATIC_OBJECT, 0.4, 0.4, 10, 30, still(new Vec2(40, 40)))    // the top of the bag, found first
                .actor(STATIC_OBJECT, 1.0, 1.0, 11, 30, still(new Vec2(40, 40))), new Vec2(40, 40), 9)   // the whole bag
                .run(30);
        assertThat(starts(seen, "abandoned_object")).hasSize(1);
    }

    @Test
    void roadDebris_objectDroppedOnMotorway_fires_objectOffRoadIsAbandonedNotDebris() throws Exception {
        var seen = bringer(new Scenario(AREA + "rules:\n  abandoned_object: {dwellSeconds: 10}\n")
                .actor(STATIC_OBJECT, 0.8, 0.8, 9, 30, still(new Vec2(110, 60)))
                .actor(STATIC_OBJECT, 0.6, 0.4, 9, 30, still(new Vec2(40, 40))), new Vec2(40, 40), 8)
                .run(30);
        assertThat(starts(seen, "road_debris")).hasSize(1).allMatch(s -> "mw".equals(s.zoneId()));
        assertThat(starts(seen, "abandoned_object")).hasSize(1);
    }

    /**
     * Debris is new: a still blob found in the first seconds of the stream was there when it began (a
     * stain, or the road a vehicle stood on during the detector's warm-up), the road never seen without it.
     */
    @Test
    void roadDebris_stillBlobThereWhenTheStreamBegan_isScene_oneFoundLaterIsDebris() throws Exception {
        var early = new Scenario(AREA).actor(STATIC_OBJECT, 0.8, 0.8, 1.4, 20, still(new Vec2(110, 60))).run(20);
        assertThat(starts(early, "road_debris")).isEmpty();
        var late = new Scenario(AREA).actor(STATIC_OBJECT, 0.8, 0.8, 4.6, 20, still(new Vec2(110, 60))).run(20);
        assertThat(starts(late, "road_debris")).hasSize(1);
    }

    /**
     * A pedestrian who stops on the carriageway fades into a still blob of their own, and the piece of
     * them still tracked shrinks to a sliver inside it: the held-out renders raised debris where a walker
     * stood by the central barrier (their box held half the blob's for only 0.6 s, then lay inside it).
     */
    @Test
    void roadDebris_blobWhereAPedestrianStoppedAndFaded_isTheirRemnant_notDebris() throws Exception {
        for (boolean stops : new boolean[] {true, false}) {
            var s = new Scenario(AREA);
            if (stops) {
                s.actor(PERSON, 0.8, 1.0, 0, 10.4, line(new Vec2(96, 60), new Vec2(110, 60), 0, 10))
                        .actor(PERSON, 0.3, 0.6, 10.6, 12.2, still(new Vec2(110, 59.6)));  // the piece still tracked
            } else {
                s.actor(PERSON, 0.8, 1.0, 0, 20, line(new Vec2(96, 60), new Vec2(124, 60), 0, 20));  // walks on
            }
            s.actor(STATIC_OBJECT, 1.2, 1.6, 11.6, 25, still(new Vec2(110, 60)));
            // a walker passing the spot before the object appears leaves no remnant there (the control)
            assertThat(starts(s.run(25), "road_debris")).hasSize(stops ? 0 : 1);
        }
    }

    @Test
    void abandonedObject_presentSinceTheStart_isScene_objectPutDownLater_fires() throws Exception {
        // a painted marking the detector turns into a still blob 3 s in: the ground was never seen without it
        var marking = new Scenario(AREA + "rules:\n  abandoned_object: {dwellSeconds: 10}\n")
                .actor(STATIC_OBJECT, 0.6, 0.4, 3, 30, still(new Vec2(40, 40)))
                .run(30);
        assertThat(starts(marking, "abandoned_object")).isEmpty();
        var bag = bringer(new Scenario(AREA + "rules:\n  abandoned_object: {dwellSeconds: 10}\n")
                .actor(STATIC_OBJECT, 0.6, 0.4, 3, 30, still(new Vec2(20, 40)))
                .actor(STATIC_OBJECT, 0.6, 0.4, 9, 30, still(new Vec2(40, 40))), new Vec2(40, 40), 8)
                .run(30);
        assertThat(starts(bag, "abandoned_object")).hasSize(1);
        var early = bringer(new Scenario(AREA + "rules:\n  abandoned_object: {dwellSeconds: 10, appearAfterSeconds: 2}\n")
                .actor(STATIC_OBJECT, 0.6, 0.4, 3, 30, still(new Vec2(40, 40))), new Vec2(40, 40), 2.5)
                .run(30);
        assertThat(starts(early, "abandoned_object")).as("a shorter settling time is honoured").hasSize(1);
    }

    @Test
    void abandonedObject_appearingWithNobodyNear_isNoLeftObject_theSameBlobPutDownIs() throws Exception {
        // a kerb or a zone's painted outline the light turns into a still blob 9 s in, people passing 6 m off
        var rules = AREA + "rules:\n  abandoned_object: {dwellSeconds: 10}\n";
        var passer = line(new Vec2(20, 46), new Vec2(60, 46), 0, 30);
        var artefact = new Scenario(rules)
                .actor(STATIC_OBJECT, 0.6, 0.4, 9, 30, still(new Vec2(40, 40)))
                .actor(PERSON, 0.5, 0.5, 0, 30, passer)
                .run(30);
        assertThat(starts(artefact, "abandoned_object")).isEmpty();
        var bag = bringer(new Scenario(rules)
                .actor(STATIC_OBJECT, 0.6, 0.4, 9, 30, still(new Vec2(40, 40)))
                .actor(PERSON, 0.5, 0.5, 0, 30, passer), new Vec2(40, 40), 4)   // found 5 s after it was put down
                .run(30);
        assertThat(starts(bag, "abandoned_object")).hasSize(1);
    }

    @Test
    void abandonedObject_ownerStaysNear_doesNotFire() throws Exception {
        var seen = new Scenario(AREA + "rules:\n  abandoned_object: {dwellSeconds: 10}\n")
                .actor(STATIC_OBJECT, 0.6, 0.4, 5, 30, still(new Vec2(40, 40)))
                .actor(PERSON, 0.5, 0.5, 0, 30, line(new Vec2(38, 30), new Vec2(39, 39), 0, 5))
                .run(30);
        assertThat(starts(seen, "abandoned_object")).isEmpty();
    }

    @Test
    void crowdGathering_tenPeople_fires_eightDoNot() throws Exception {
        for (int n : new int[] {10, 8}) {
            Scenario s = new Scenario(AREA);
            for (int i = 0; i < n; i++) {
                double a = 2 * Math.PI * i / n;
                s.actor(PERSON, 0.5, 0.5, 0, 20, line(new Vec2(30 + 25 * Math.cos(a), 30 + 25 * Math.sin(a)),
                        new Vec2(30 + 3 * Math.cos(a), 30 + 3 * Math.sin(a)), 0, 8));
            }
            // the zone count and the radius cluster hold the same people: merged into one alert
            assertThat(starts(s.run(20), "crowd_gathering")).as(n + " people").hasSize(n >= 10 ? 1 : 0);
        }
    }

    /**
     * Twelve people standing 30 m from the camera are two merged blobs to the classical detector, voted
     * car: their people estimates count, not the two tracks; eight people in the same two blobs do not.
     */
    @Test
    void crowdGathering_mergedBlobsCountTheirPeople_twelveFire_eightDoNot() throws Exception {
        for (double[] split : new double[][] {{7, 5}, {4.5, 3.5}}) {
            var seen = new Scenario(AREA)
                    .actor(CAR, 3.5, 2.5, 0, 20, still(new Vec2(28, 30))).group(t -> new double[] {split[0], 0.35})
                    .actor(CAR, 3.0, 2.5, 0, 20, still(new Vec2(33, 31))).group(t -> new double[] {split[1], 0.4})
                    .run(20);
            assertThat(starts(seen, "crowd_gathering")).as(split[0] + split[1] + " people")
                    .hasSize(split[0] + split[1] >= 10 ? 1 : 0);
        }
    }

    /**
     * People still walking in are not gathered yet: a blob of twelve whose pixels mostly change between
     * frames (walking) counts nothing; once they stand and mill about (little change) the count holds
     * and the alert starts the sustain time later.
     */
    /**
     * Twelve people standing still fade into the background piece by piece: their blob's estimate reads
     * 8 most of the time and the full 12 only every 1.2 s. The best of each second's counts holds; eight
     * people whose estimate reads 8 with one 11 while they walk in do not gather ten.
     */
    @Test
    void crowdGathering_countFlickeringLow_isTheBestOfTheLastSecond() throws Exception {
        var twelve = new Scenario(AREA)
                .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30)))
                .group(t -> new double[] {Math.round(t * 5) % 6 == 0 ? 12 : 8, 0.35})
                .run(20);
        assertThat(starts(twelve, "crowd_gathering")).hasSize(1);
        var eight = new Scenario(AREA)
                .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30)))
                .group(t -> new double[] {Math.round(t * 5) == 20 ? 11 : 8, 0.35})
                .run(20);
        assertThat(starts(eight, "crowd_gathering")).isEmpty();
    }

    /**
     * People in view when the stream began leave ghosts in the background model while it is learned: on
     * tuning render 22000 ten strollers present from the start read as a blob of 16-20 people changing 0.47
     * for the first 5 s, then 0.55 as the model settled, and raised a gathering. Nothing counts in the first
     * 3 s; a group that stays gathered is reported later, not lost.
     */
    @Test
    void crowdGathering_blobReadDuringTheDetectorsWarmUp_doesNotCount_groupThatStaysIsLate() throws Exception {
        var strollers = new Scenario(AREA)
                .actor(CAR, 6.0, 3.0, 1.4, 20, still(new Vec2(30, 30)))
                .group(t -> new double[] {18, t < 5.5 ? 0.45 : 0.6})
                .run(20);
        assertThat(starts(strollers, "crowd_gathering")).isEmpty();
        var standing = new Scenario(AREA)
                .actor(CAR, 6.0, 3.0, 1.4, 20, still(new Vec2(30, 30))).group(t -> new double[] {12, 0.35})
                .run(20);
        assertThat(starts(standing, "crowd_gathering")).hasSize(1).allMatch(s -> s.time() >= 8 - 1e-9);
    }

    /**
     * Eleven people strolling about together as one blob: most frames 0.8 of it changes, every fifth
     * frame only 0.5 (as much as people milling about). The best count of a second must not be that quiet
     * frame's: the blob's change is judged over the last second.
     */
    @Test
    void crowdGathering_strollingGroupsQuietFrames_doNotMakeItGathered() throws Exception {
        var strollers = new Scenario(AREA)
                .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30)))
                .group(t -> new double[] {11, Math.round(t * 5) % 5 == 0 ? 0.5 : 0.8})
                .run(20);
        assertThat(starts(strollers, "crowd_gathering")).isEmpty();
        var milling = new Scenario(AREA)
                .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30)))
                .group(t -> new double[] {11, Math.round(t * 5) % 5 == 0 ? 0.65 : 0.35})
                .run(20);
        assertThat(starts(milling, "crowd_gathering")).hasSize(1);
    }

    /**
     * Ten strollers as one blob change 0.5-0.8 of it per frame (in a big blob people overlap), often
     * under the 0.6 that tells a small group walking: a big group is judged against 0.5 over 2 s, and
     * does not gather. Twelve people milling about (0.35, now and then 0.55) do.
     */
    @Test
    void crowdGathering_bigStrollingGroup_isNotGathered_bigMillingGroupIs() throws Exception {
        var strollers = new Scenario(AREA)
                .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30)))
                .group(t -> new double[] {14, Math.round(t * 5) % 3 == 0 ? 0.48 : 0.58})
                .run(20);
        assertThat(starts(strollers, "crowd_gathering")).isEmpty();
        var milling = new Scenario(AREA)
                .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30)))
                .group(t -> new double[] {12, Math.round(t * 5) % 4 == 0 ? 0.55 : 0.35})
                .run(20);
        assertThat(starts(milling, "crowd_gathering")).hasSize(1);
    }

    @Test
    void crowdGathering_walkingGroupDoesNotCount_untilItStands() throws Exception {
        var seen = new Scenario(AREA)
                .actor(CAR, 6, 2.5, 0, 25, line(new Vec2(10, 30), new Vec2(30, 30), 0, 10))
                .group(t -> new double[] {12, t < 10 ? 0.9 : 0.3})
                .run(25);
        var starts = starts(seen, "crowd_gathering");
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).time()).isBetween(14.8, 16.0);
    }

    /**
     * A parked car off the road (here in the square) has a group's area: from above 1.8 x 4.5 m reads as
     * sixteen people. Nothing in it moves between frames, so it is no crowd; the same blob with people
     * swaying in it (0.3 of it changing) is one.
     */
    @Test
    void crowdGathering_rigidBlobOffTheRoad_isNoCrowd_theSameBlobSwayingIs() throws Exception {
        for (double changing : new double[] {0.0, 0.03, 0.3}) {
            var seen = new Scenario(AREA)
                    .actor(CAR, 1.8, 4.5, 0, 20, still(new Vec2(28, 30))).group(t -> new double[] {16, changing})
                    .run(20);
            assertThat(starts(seen, "crowd_gathering")).as("changing " + changing).hasSize(changing >= 0.08 ? 1 : 0);
        }
    }

    /**
     * A group is counted only where its ground position is known to within the rule's limit: this test
     * camera places a foot point to 1.5 m (15 px of jitter at 10 px per metre), so the same twelve people
     * gather under the default limit (8 m) and count nobody under a limit of 1 m (a blob far up a road,
     * where one pixel spans metres).
     */
    @Test
    void crowdGathering_groupWhoseGroundPositionIsTooUncertain_countsNobody() throws Exception {
        for (double limit : new double[] {8, 1}) {
            var seen = new Scenario(AREA + "rules:\n  crowd_gathering: {maxGroundUncertaintyMetres: " + limit + "}\n")
                    .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30))).group(t -> new double[] {12, 0.35})
                    .run(20);
            assertThat(starts(seen, "crowd_gathering")).as("limit " + limit + " m").hasSize(limit > 1.5 ? 1 : 0);
        }
    }

    /** On the motorway a blob of a person's height is a vehicle as likely as a group: its estimate does not count. */
    @Test
    void crowdGathering_groupEstimatesOnTheRoad_doNotCount() throws Exception {
        var seen = new Scenario(AREA)
                .actor(CAR, 4, 2.5, 0, 20, still(new Vec2(108, 40))).group(t -> new double[] {7, 0.2})
                .actor(CAR, 4, 2.5, 0, 20, still(new Vec2(113, 40))).group(t -> new double[] {7, 0.2})
                .run(20);
        assertThat(starts(seen, "crowd_gathering")).isEmpty();
    }

    /**
     * Runners still merged into one blob (voted car) count their people once people are seen running on
     * their own too: a group of four and two separate runners are six runners; the same group alone
     * at the same pace could be a car crossing the square and raises nothing.
     */
    @Test
    void crowdRunning_mergedRunnersCount_withSeparateRunners_aLoneBlobDoesNot() throws Exception {
        for (boolean separate : new boolean[] {true, false}) {
            Scenario s = new Scenario(AREA)
                    .actor(CAR, 2.5, 2.5, 0, 8, line(new Vec2(20, 10), new Vec2(20, 50), 0, 8))
                    .group(t -> new double[] {4, 0.9});
            if (separate) {
                s.actor(PERSON, 0.5, 0.5, 0, 8, line(new Vec2(10, 10), new Vec2(10, 50), 0, 8))
                        .actor(PERSON, 0.5, 0.5, 0, 8, line(new Vec2(40, 10), new Vec2(40, 50), 0, 8));
            }
            assertThat(starts(s.run(8), "crowd_running")).as(separate ? "with separate runners" : "blob alone")
                    .hasSize(separate ? 1 : 0);
        }
    }

    /**
     * Twelve people standing together as one blob run off at 5 m/s: most leave the picture still merged,
     * three are tracked one by one, and the group's blob is gone at once. The people who left it ran.
     * The same three runners passing a group that stays (its blob still there) are no crowd running.
     */
    @Test
    void crowdRunning_groupEmptyingAtOnceWhilePeopleRun_countsItsPeople_groupThatStaysDoesNot() throws Exception {
        for (boolean stays : new boolean[] {false, true}) {
            Scenario s = new Scenario(AREA)
                    .actor(CAR, 4.0, 2.5, 0, stays ? 16 : 10, still(new Vec2(30, 30))).group(t -> new double[] {12, 0.4});
            for (int k = 0; k < 3; k++) {
                double a = 2 * Math.PI * k / 3;
                Vec2 dir = new Vec2(Math.cos(a), Math.sin(a));
                s.actor(PERSON, 0.5, 0.5, 10.2, 14, line(new Vec2(30, 30).plus(dir.times(5)),
                        new Vec2(30, 30).plus(dir.times(25)), 10.2, 14.2));
            }
            assertThat(starts(s.run(16), "crowd_running")).as(stays ? "group stays" : "group emptied")
                    .hasSize(stays ? 0 : 1);
        }
    }

    /**
     * A crowd running off as one blob: once its runners spread out in depth the blob outgrows the people
     * shapes and its estimate reads nothing, but it still runs; the people it held stay counted for the
     * run window instead of being dropped as "seen again not running".
     */
    @Test
    void crowdRunning_groupBlobRunningOnWhoseEstimateReadsNothing_staysCounted() throws Exception {
        var seen = new Scenario(AREA)
                .actor(CAR, 2.5, 2.5, 0, 8, line(new Vec2(20, 10), new Vec2(20, 50), 0, 8))
                .group(t -> new double[] {t < 1.6 ? 9 : 0, 0.9})
                .actor(PERSON, 0.5, 0.5, 0, 8, line(new Vec2(40, 10), new Vec2(40, 50), 0, 8))
                .run(8);
        assertThat(starts(seen, "crowd_running")).hasSize(1);
    }

    /** Strollers merged into a blob count among the people: two joggers past eight strollers are no crowd running. */
    @Test
    void crowdRunning_twoJoggersPastAStrollingGroup_doNotFire() throws Exception {
        var seen = new Scenario(AREA + "rules:\n  crowd_running: {minRunners: 2}\n")
                .actor(CAR, 4, 2.5, 0, 8, line(new Vec2(25, 25), new Vec2(28, 25), 0, 8))
                .group(t -> new double[] {8, 0.5})
                .actor(PERSON, 0.5, 0.5, 0, 8, line(new Vec2(5, 10), new Vec2(5, 38), 0, 8))
                .actor(PERSON, 0.5, 0.5, 0, 8, line(new Vec2(45, 10), new Vec2(45, 38), 0, 8))
                .run(8);
        assertThat(starts(seen, "crowd_running")).isEmpty();
    }

    @Test
    void crowdRunning_fivePeopleRun_fires_fiveWalkersDoNot() throws Exception {
        for (double speed : new double[] {4.0, 1.4}) {
            Scenario s = new Scenario(AREA);
            for (int i = 0; i < 5; i++) {
                s.actor(PERSON, 0.5, 0.5, 0, 8, line(new Vec2(5 + 8 * i, 5), new Vec2(5 + 8 * i, 5 + 8 * speed), 0, 8));
            }
            assertThat(starts(s.run(8), "crowd_running")).as(speed + " m/s").hasSize(speed > 3 ? 1 : 0);
        }
    }

    @Test
    void crowdRunning_runnersStillVotedCarFromTheirMergedBlob_count_carsOnTheMotorwayDoNot() throws Exception {
        for (boolean onRoad : new boolean[] {false, true}) {
            Scenario s = new Scenario(AREA);
            double x0 = onRoad ? 102 : 5;
            for (int i = 0; i < 5; i++) {
                s.actor(CAR, 1.6, 1.6, 0, 8, line(new Vec2(x0 + 3.5 * i, 5), new Vec2(x0 + 3.5 * i, 37), 0, 8));
            }
            assertThat(starts(s.run(8), "crowd_running")).as(onRoad ? "on the motorway" : "on the square")
                    .hasSize(onRoad ? 0 : 1);
        }
    }

    @Test
    void crowdRunning_runnerVotedStaticObject_countsWhenItsMeasurementsRun_stillArtefactDoesNot() throws Exception {
        // four runners apart and a fifth whose squat blob (cut by the frame's top) is voted static object
        String five = "rules:\n  crowd_running: {minRunners: 5}\n";
        Scenario s = new Scenario(AREA + five);
        for (int i = 0; i < 4; i++) {
            s.actor(PERSON, 0.6, 0.6, 0, 8, line(new Vec2(5 + 4 * i, 5), new Vec2(5 + 4 * i, 37), 0, 8));
        }
        s.actor(STATIC_OBJECT, 0.8, 0.6, 0, 8, line(new Vec2(25, 5), new Vec2(25, 37), 0, 8));
        var runs = starts(s.run(8), "crowd_running");
        assertThat(runs).hasSize(1);
        // counted as soon as its measurements run, not only once the tracker stops calling it an object
        assertThat(runs.get(0).time()).isLessThan(3.0);
        var four = new Scenario(AREA + five);
        for (int i = 0; i < 4; i++) {
            four.actor(PERSON, 0.6, 0.6, 0, 8, line(new Vec2(5 + 4 * i, 5), new Vec2(5 + 4 * i, 37), 0, 8));
        }
        four.actor(STATIC_OBJECT, 0.8, 0.6, 0, 8, still(new Vec2(25, 20)));
        assertThat(starts(four.run(8), "crowd_running")).as("four runners and a still object").isEmpty();
    }

    /**
     * Runners leave the picture within a second or two, so no more than three of six are ever seen at
     * once: counted over the last two seconds they are a crowd running; counted frame by frame they are not.
     */
    @Test
    void crowdRunning_runnersLeavingOneAfterAnother_countOverTheWindow() throws Exception {
        for (double window : new double[] {2.0, 0.2}) {
            Scenario s = new Scenario(AREA + "rules:\n  crowd_running: {minRunners: 5, runWindowSeconds: " + window + "}\n");
            for (int i = 0; i < 6; i++) {
                double t0 = 1 + 0.6 * i;
                s.actor(PERSON, 0.5, 0.5, t0, t0 + 1.4, line(new Vec2(5 + 8 * i, 20), new Vec2(5 + 8 * i, 27), t0, t0 + 1.4));
            }
            assertThat(starts(s.run(8), "crowd_running")).as("window " + window + " s").hasSize(window > 1 ? 1 : 0);
        }
    }

    /**
     * A strolling group's blob whose foot point jumps 1.5 m twice within a second (people leaving and
     * joining it) has not run, though its displacement over that second is a runner's: two joggers past
     * it are no crowd running. The same blob moving smoothly at 5 m/s is a group running with them.
     */
    @Test
    void crowdRunning_groupBlobJumpingAbout_isNoGroupRunning_groupMovingSteadilyIs() throws Exception {
        for (boolean steady : new boolean[] {false, true}) {
            java.util.function.DoubleFunction<Vec2> path = steady ? line(new Vec2(25, 20), new Vec2(25, 40), 3, 7)
                    : t -> new Vec2(25, 20 + (t >= 3.2 ? 1.5 : 0) + (t >= 3.6 ? 1.5 : 0) + (t >= 4.6 ? 1.5 : 0));
            Scenario s = new Scenario(AREA)
                    .actor(CAR, 4, 2.5, 0, 8, path).group(t -> new double[] {10, 0.5})
                    .actor(PERSON, 0.5, 0.5, 0, 8, line(new Vec2(5, 10), new Vec2(5, 42), 0, 8))
                    .actor(PERSON, 0.5, 0.5, 0, 8, line(new Vec2(45, 10), new Vec2(45, 42), 0, 8));
            assertThat(starts(s.run(8), "crowd_running")).as(steady ? "steady" : "jumping").hasSize(steady ? 1 : 0);
        }
    }

    @Test
    void crowdRunning_carWideTracksOffTheRoad_doNotCount() throws Exception {
        for (double width : new double[] {1.6, 1.9}) {
            Scenario s = new Scenario(AREA);
            for (int i = 0; i < 5; i++) {
                s.actor(CAR, width, 4.2, 0, 8, line(new Vec2(5 + 4 * i, 5), new Vec2(5 + 4 * i, 45), 0, 8));
            }
            assertThat(starts(s.run(8), "crowd_running")).as(width + " m wide").hasSize(width <= 1.7 ? 1 : 0);
        }
    }

    @Test
    void fighting_twoPeopleMergedIntoOneErraticBlob_fires_oneErraticPersonDoesNot() throws Exception {
        var merged = new Scenario(AREA)
                .actor(PERSON, 2.2, 1.0, 0, 10, t -> new Vec2(20 + 0.9 * Math.sin(5 * t), 20 + 0.8 * Math.cos(7 * t)))
                .run(10);
        assertThat(starts(merged, "fighting")).hasSize(1);
        var alone = new Scenario(AREA)
                .actor(PERSON, 0.6, 0.6, 0, 10, t -> new Vec2(20 + 0.9 * Math.sin(5 * t), 20 + 0.8 * Math.cos(7 * t)))
                .run(10);
        assertThat(starts(alone, "fighting")).isEmpty();
    }

    @Test
    void loitering_personStays_fires_passerByDoesNot() throws Exception {
        var seen = new Scenario(AREA + "rules:\n  loitering: {minSeconds: 30}\n")
                .actor(PERSON, 0.5, 0.5, 0, 50, t -> new Vec2(20 + 3 * Math.sin(t / 3), 20 + 3 * Math.cos(t / 4)))
                .actor(PERSON, 0.5, 0.5, 0, 50, line(new Vec2(0, 50), new Vec2(100, 50), 0, 40))   // 24 s inside
                .run(50);
        var s = starts(seen, "loitering");
        assertThat(s).hasSize(1);
        assertThat(s.get(0).time()).isBetween(30.0, 32.0);
    }

    @Test
    void intrusion_personEntersRestricted_fires_personAlongFenceDoesNot() throws Exception {
        var seen = new Scenario(AREA)
                .actor(PERSON, 0.5, 0.5, 0, 10, line(new Vec2(15, 90), new Vec2(15, 110), 0, 10))
                .actor(PERSON, 0.5, 0.5, 0, 10, line(new Vec2(35, 90), new Vec2(35, 125), 0, 10))
                .run(10);
        assertThat(starts(seen, "restricted_area_intrusion")).hasSize(1).allMatch(s -> "depot".equals(s.zoneId()));
    }

    @Test
    void intrusion_blobAppearingInsideAndStayingPut_isNoIntruder() throws Exception {
        // the fence or painted outline turned foreground by a change of light: a still, car-sized patch
        var seen = new Scenario(AREA)
                .actor(CAR, 2.0, 1.5, 4, 12, still(new Vec2(20, 110)))
                .actor(PERSON, 0.5, 0.5, 0, 12, line(new Vec2(15, 90), new Vec2(15, 112), 0, 12))
                .run(12);
        assertThat(starts(seen, "restricted_area_intrusion")).hasSize(1);
        var alone = new Scenario(AREA)
                .actor(CAR, 2.0, 1.5, 4, 12, still(new Vec2(20, 110)))
                .run(12);
        assertThat(starts(alone, "restricted_area_intrusion")).isEmpty();
    }

    @Test
    void fighting_evidenceLostForTwoFramesWhileBlobsMergeAndSplit_stillOneFightOnTime() throws Exception {
        // the pair scuffles from 0 s; between 4.0 and 4.4 s the detector sees neither of them (their blobs merge
        // into one the tracker will not take): the sustain (2 s) must not start again from 4.6 s
        var fight = new Scenario(AREA)
                .actor(PERSON, 0.5, 0.5, 0, 3.9, t -> new Vec2(20 + 0.9 * Math.sin(5 * t), 20 + 0.8 * Math.cos(7 * t)))
                .actor(PERSON, 0.5, 0.5, 0, 3.9, t -> new Vec2(21.2 + 0.9 * Math.cos(6 * t), 20 + 0.8 * Math.sin(4 * t)))
                .actor(PERSON, 0.5, 0.5, 4.5, 10, t -> new Vec2(20 + 0.9 * Math.sin(5 * t), 20 + 0.8 * Math.cos(7 * t)))
                .actor(PERSON, 0.5, 0.5, 4.5, 10, t -> new Vec2(21.2 + 0.9 * Math.cos(6 * t), 20 + 0.8 * Math.sin(4 * t)))
                .run(10);
        var s = starts(fight, "fighting");
        assertThat(s).hasSize(1);
        assertThat(s.get(0).time()).isLessThan(5.5);
    }

    @Test
    void fighting_twoPeopleScuffling_fires_twoWalkingTogetherDoNot() throws Exception {
        var fight = new Scenario(AREA)
                .actor(PERSON, 0.5, 0.5, 0, 10, t -> new Vec2(20 + 0.9 * Math.sin(5 * t), 20 + 0.8 * Math.cos(7 * t)))
                .actor(PERSON, 0.5, 0.5, 0, 10, t -> new Vec2(21.2 + 0.9 * Math.cos(6 * t), 20 + 0.8 * Math.sin(4 * t)))
                .run(10);
        assertThat(starts(fight, "fighting")).hasSize(1);
        var walk = new Scenario(AREA)
                .actor(PERSON, 0.5, 0.5, 0, 10, line(new Vec2(5, 20), new Vec2(19, 20), 0, 10))
                .actor(PERSON, 0.5, 0.5, 0, 10, line(new Vec2(5, 21.2), new Vec2(19, 21.2), 0, 10))
                .run(10);
        assertThat(starts(walk, "fighting")).isEmpty();
    }
}
