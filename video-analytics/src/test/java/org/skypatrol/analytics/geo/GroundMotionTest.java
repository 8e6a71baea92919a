package org.skypatrol.analytics.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroundMotionTest {

    private static final LocalEnu ENU = new LocalEnu(new LatLon(38.4681, 106.2731));

    @Test
    void patrollingDrone_predictedHomographyMovesEveryGroundPointToWhereTheNewPoseSeesIt() {
        // oblique camera flying north 1 m, turning 0.4° and wobbling: where does a ground point go?
        CameraPose a = new CameraPose(ENU.toLatLon(new Vec2(0, 0)), 35, 0, -55, 0.1, 70, 43);
        CameraPose b = new CameraPose(ENU.toLatLon(new Vec2(0.05, 1.0)), 35.2, 0.4, -55.3, -0.1, 70, 43);
        DroneProjection pa = new DroneProjection(a, ENU, 640, 360);
        DroneProjection pb = new DroneProjection(b, ENU, 640, 360);
        double[] h = GroundMotion.homography(pa, pb, 640, 360).orElseThrow();
        double worst = 0;
        double moved = 0;
        for (int i = 0; i <= 10; i++) {
            for (int j = 0; j <= 10; j++) {
                Vec2 px = new Vec2(64 * i, 36 * j);
                Vec2 ground = pa.toGround(px).orElseThrow();
                Vec2 expected = pb.toPixel(ground).orElseThrow();
                Vec2 predicted = GroundMotion.apply(h, px).orElseThrow();
                worst = Math.max(worst, predicted.distance(expected));
                moved = Math.max(moved, expected.distance(px));
            }
        }
        assertThat(moved).isGreaterThan(5);           // the image really moved
        assertThat(worst).isLessThan(0.01);           // and the homography is exact for the ground
    }

    @Test
    void cameraLookingAtTheSky_noPrediction() {
        CameraPose up = new CameraPose(ENU.toLatLon(new Vec2(0, 0)), 35, 0, 30, 0, 70, 43);
        DroneProjection p = new DroneProjection(up, ENU, 640, 360);
        assertThat(GroundMotion.homography(p, p, 640, 360)).isEmpty();
    }
}
