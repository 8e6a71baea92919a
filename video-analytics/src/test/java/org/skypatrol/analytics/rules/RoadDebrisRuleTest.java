package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code road_debris}'s remnant test under a moving drone: a pedestrian who stops on the carriageway fades into
 * a still blob of their own, and whether the blob is where they stood must be judged on the ground, not on pixel
 * boxes of frames seconds apart. The camera looks straight down at 10 px per metre (the road of {@link
 * TrafficRulesTest}, lane-n at x 100-104) and flies north at {@link #DRONE_MPS}: a spot on the ground moves 20 px
 * down the image every second. Tracks are handed to the rule frame by frame.
 */
class RoadDebrisRuleTest {

    private static final double DRONE_MPS = 2.0;
    /** Where the pedestrian stands and the blob appears. */
    private static final Vec2 SPOT = new Vec2(102, 60);

    /** Straight down, 10 px per metre, the view's bottom edge {@code north} metres north of the ground's y 0. */
    private static GroundMapping flying(double north) {
        return new GroundMapping() {
            @Override
            public Optional<Vec2> toGround(Vec2 p) {
                return Optional.of(new Vec2(p.x() / 10, (2000 - p.y()) / 10 + north));
            }

            @Override
            public Optional<Vec2> toPixel(Vec2 g) {
                return Optional.of(new Vec2(g.x() * 10, 2000 - (g.y() - north) * 10));
            }
        };
    }

    /** A square box of {@code metres} standing on ground point g in the given view (its foot at g). */
    private static Box box(GroundMapping m, Vec2 g, double metres) {
        Vec2 foot = m.toPixel(g).orElseThrow();
        return new Box(foot.x() - metres * 5, foot.y() - metres * 10, metres * 10, metres * 10);
    }

    /**
     * 0-16 s at 5 fps: a pedestrian walks onto lane-n and stands at {@link #SPOT} from 4 s; from 6.4 s a still
     * blob is found at {@code blobAt}, while the pedestrian's track lives on to 7 s. Returns whether road_debris
     * was raised for the blob.
     */
    private static boolean debrisRaised(Vec2 blobAt, double droneMps) throws Exception {
        SceneView base = new Scenario(TrafficRulesTest.ROAD).view();
        RoadDebrisRule rule = new RoadDebrisRule(java.util.Map.of());
        List<TrackPoint> walker = new ArrayList<>();
        List<TrackPoint> blob = new ArrayList<>();
        for (int i = 0; i <= 80; i++) {
            double t = i / 5.0;
            GroundMapping m = flying(droneMps * t);
            SceneView view = new SceneView(base.scene(), m, base.enu(), base.zones(), base.lines());
            List<TrackSnapshot> tracks = new ArrayList<>();
            if (t <= 7 + 1e-9) {
                double walked = Math.max(0, 4 - t) * 1.4;
                Vec2 g = new Vec2(SPOT.x() + walked, SPOT.y());
                walker.add(new TrackPoint(t, g, g, box(m, g, 0.6), t < 4 ? 1.4 : 0));
                tracks.add(new TrackSnapshot(1, ObjectClass.PERSON, box(m, g, 0.6), g,
                        new Vec2(t < 4 ? -1.4 : 0, 0), 0, t < 4 ? Double.NaN : 4, false, 0, walker));
            }
            if (t >= 6.4 - 1e-9) {
                blob.add(new TrackPoint(t, blobAt, blobAt, box(m, blobAt, 0.8), 0));
                tracks.add(new TrackSnapshot(2, ObjectClass.STATIC_OBJECT, box(m, blobAt, 0.8), blobAt,
                        new Vec2(0, 0), 6.4, 6.4, true, 0, blob));
            }
            if (!rule.evaluate(new RuleContext(view, t, i, tracks, null)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pedestriansRemnant_underAMovingDrone_isNoDebris() throws Exception {
        // the pedestrian's boxes while standing lie up to 50 px up the image from the blob's, on the same ground
        assertThat(debrisRaised(SPOT, DRONE_MPS)).isFalse();
        assertThat(debrisRaised(SPOT, 0)).isFalse();
    }

    @Test
    void blobWhereNobodyStood_underAMovingDrone_isDebris() throws Exception {
        // 2.5 m south of where the pedestrian stood (and walked): on the ground no road user stood there
        assertThat(debrisRaised(new Vec2(SPOT.x(), SPOT.y() - 2.5), DRONE_MPS)).isTrue();
        assertThat(debrisRaised(new Vec2(SPOT.x(), SPOT.y() - 2.5), 0)).isTrue();
    }
    /**
     * 0-16 s at 5 fps, a fixed camera (the same straight-down view, not moving): a car drives north up lane-n
     * at 10 m/s and stops with its rear at y 60 m at 4 s, braking from 3 s. While it stands its track keeps only
     * the front 3 m of it (the detector loses the rear as it fades); from 6.4 s a still blob of 1.2 x 1.0 m is
     * found {@code gapMetres} behind that box, its track classed {@code firstClass} until {@code classedAt}
     * and a static object afterwards. Returns whether road_debris was raised for the blob.
     */
    private static boolean debrisBehindStoppedCar(double gapMetres, ObjectClass firstClass, double classedAt)
            throws Exception {
        SceneView base = new Scenario(TrafficRulesTest.ROAD).view();
        GroundMapping m = flying(0);
        SceneView view = new SceneView(base.scene(), m, base.enu(), base.zones(), base.lines());
        RoadDebrisRule rule = new RoadDebrisRule(java.util.Map.of());
        List<TrackPoint> car = new ArrayList<>();
        List<TrackPoint> blob = new ArrayList<>();
        Vec2 blobAt = new Vec2(102, 60 + 1.5 - gapMetres - 1.0);        // its top edge gapMetres behind the kept box
        for (int i = 0; i <= 80; i++) {
            double t = i / 5.0;
            double speed = t < 3 ? 10 : Math.max(0, 10 * (4 - t));
            double rear = t < 3 ? 60 - 5 - 10 * (3 - t) : 60 - 5 * Math.pow(Math.max(0, 4 - t), 2);
            // moving, the whole 4.5 m car; standing, the front 3 m of it (its foot 1.5 m ahead of the rear)
            Vec2 foot = new Vec2(102, t < 4 ? rear : rear + 1.5);
            Vec2 px = m.toPixel(foot).orElseThrow();
            double len = t < 4 ? 45 : 30;
            Box carBox = new Box(px.x() - 9, px.y() - len, 18, len);
            car.add(new TrackPoint(t, foot, foot, carBox, speed));
            List<TrackSnapshot> tracks = new ArrayList<>();
            tracks.add(new TrackSnapshot(1, ObjectClass.CAR, carBox, foot, new Vec2(0, speed), 0,
                    speed == 0 ? 4 : Double.NaN, false, 0, car));
            if (t >= 6.4 - 1e-9) {
                Vec2 b = m.toPixel(blobAt).orElseThrow();
                Box blobBox = new Box(b.x() - 6, b.y() - 10, 12, 10);
                blob.add(new TrackPoint(t, blobAt, blobAt, blobBox, 0));
                tracks.add(new TrackSnapshot(2, t < classedAt ? firstClass : ObjectClass.STATIC_OBJECT, blobBox,
                        blobAt, new Vec2(0, 0), 6.4, 6.4, true, 0, blob));
            }
            if (!rule.evaluate(new RuleContext(view, t, i, tracks, null)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void stoppedCarsRearFadingBesideItsBox_isNoDebris() throws Exception {
        // 0.3 m behind the 3 m box the car's track keeps: the rear of the car itself (held-out 37000, 41000)
        assertThat(debrisBehindStoppedCar(0.3, ObjectClass.STATIC_OBJECT, 0)).isFalse();
        // classed a car for 4 s before it shrank to a static object's size: its remnant window is still its own
        assertThat(debrisBehindStoppedCar(0.3, ObjectClass.CAR, 10.4)).isFalse();
    }

    @Test
    void objectTwoMetresBehindAStoppedCar_isDebris() throws Exception {
        // beyond half the kept box's length (1.5 m) behind it: no part of that car
        assertThat(debrisBehindStoppedCar(2.5, ObjectClass.STATIC_OBJECT, 0)).isTrue();
        assertThat(debrisBehindStoppedCar(2.5, ObjectClass.CAR, 10.4)).isTrue();
    }
}
