package org.skypatrol.analytics.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class GeometryTest {

    @Test
    void distanceToSegment_perpendicularInside_endpointBeyond_pointSegment() {
        Vec2 a = new Vec2(0, 0);
        Vec2 b = new Vec2(10, 0);
        assertThat(new Vec2(4, 3).distanceToSegment(a, b)).isCloseTo(3, within(1e-9));
        assertThat(new Vec2(13, 4).distanceToSegment(a, b)).isCloseTo(5, within(1e-9));     // past b: to b
        assertThat(new Vec2(-3, -4).distanceToSegment(a, b)).isCloseTo(5, within(1e-9));    // before a: to a
        assertThat(new Vec2(3, 4).distanceToSegment(a, a)).isCloseTo(5, within(1e-9));
        assertThat(new Vec2(2, 3).dot(new Vec2(4, -1))).isCloseTo(5, within(1e-9));
    }

    @Test
    void homography_fourPairs_mapsPairsAndRoundTrips() {
        List<Vec2> px = List.of(new Vec2(100, 560), new Vec2(700, 560), new Vec2(520, 200), new Vec2(250, 200));
        List<Vec2> gr = List.of(new Vec2(0, 0), new Vec2(14, 0), new Vec2(14, 60), new Vec2(0, 60));
        Homography h = Homography.fromPairs(px, gr);
        for (int i = 0; i < 4; i++) {
            Vec2 g = h.toGround(px.get(i)).orElseThrow();
            assertThat(g.distance(gr.get(i))).isLessThan(1e-3);
        }
        Vec2 mid = h.toGround(new Vec2(400, 400)).orElseThrow();
        assertThat(h.toPixel(mid).orElseThrow().distance(new Vec2(400, 400))).isLessThan(1e-6);
        // perspective: pixels near the top cover more ground than near the bottom
        assertThat(h.metresPerPixel(new Vec2(385, 210))).isGreaterThan(h.metresPerPixel(new Vec2(400, 550)));
    }

    @Test
    void localEnu_oneArcMinuteNorth_isAboutOneNauticalMile() {
        LocalEnu enu = new LocalEnu(new LatLon(45, 7));
        Vec2 g = enu.toGround(new LatLon(45 + 1.0 / 60, 7));
        assertThat(g.y()).isCloseTo(1852.2, within(1.0));          // WGS-84 at 45°: 1852.2 m
        LatLon back = enu.toLatLon(new Vec2(123, -456));
        assertThat(enu.toGround(back).distance(new Vec2(123, -456))).isLessThan(1e-6);
    }

    @Test
    void droneNadir_centreBelowDrone_topPointsAlongYaw() {
        LocalEnu enu = new LocalEnu(new LatLon(38, 106));
        CameraPose pose = new CameraPose(new LatLon(38, 106), 100, 90, -90, 0, 90, 90);
        DroneProjection p = new DroneProjection(pose, enu, 1000, 1000);
        assertThat(p.toGround(new Vec2(500, 500)).orElseThrow().length()).isLessThan(1e-6);
        // 90° FOV at 100 m: the image edge is 100 m away; yaw 90 → image top is east
        Vec2 top = p.toGround(new Vec2(500, 0)).orElseThrow();
        assertThat(top.x()).isCloseTo(100, within(1e-6));
        assertThat(top.y()).isCloseTo(0, within(1e-6));
        Vec2 right = p.toGround(new Vec2(1000, 500)).orElseThrow();
        assertThat(right.y()).isCloseTo(-100, within(1e-6));        // right of east-facing top is south
    }

    @Test
    void droneOblique_groundPointsRoundTrip_andHorizonHasNoGround() {
        LocalEnu enu = new LocalEnu(new LatLon(38, 106));
        CameraPose pose = new CameraPose(new LatLon(38.0001, 106.0002), 60, 30, -35, 3, 80, 50);
        DroneProjection p = new DroneProjection(pose, enu, 1280, 720);
        // centre ray: 60 m high at 35° down → 60/tan(35°) ≈ 85.7 m horizontally from the drone
        Vec2 below = enu.toGround(pose.position());
        Vec2 c = p.toGround(new Vec2(640, 360)).orElseThrow();
        assertThat(c.distance(below)).isCloseTo(60 / Math.tan(Math.toRadians(35)), within(1e-6));
        for (Vec2 px : List.of(new Vec2(10, 700), new Vec2(1200, 500), new Vec2(640, 300))) {
            Vec2 g = p.toGround(px).orElseThrow();
            assertThat(p.toPixel(g).orElseThrow().distance(px)).isLessThan(1e-6);
        }
        assertThat(p.toGround(new Vec2(640, 0))).isPresent();       // top edge: 35° - 25° = 10° down
        CameraPose shallow = new CameraPose(pose.position(), 60, 30, -20, 0, 80, 50);
        DroneProjection q = new DroneProjection(shallow, enu, 1280, 720);
        assertThat(q.toGround(new Vec2(640, 0))).isEmpty();         // 20° - 25° = 5° above the horizon
    }
}
