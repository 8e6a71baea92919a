package org.skypatrol.analytics.detect;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.skypatrol.analytics.scene.SceneView;

/**
 * The detector tests on the synthetic ground seen from the pole camera: the ground (native memory,
 * made once per test class and freed after it) and the camera's view.
 */
abstract class SyntheticGroundCase {

    static SyntheticGround ground;
    static SceneView view;

    @BeforeAll
    static void makeGround() throws Exception {
        ground = new SyntheticGround();
        view = SyntheticGround.poleView();
    }

    @AfterAll
    static void freeGround() {
        ground.close();
    }
}
