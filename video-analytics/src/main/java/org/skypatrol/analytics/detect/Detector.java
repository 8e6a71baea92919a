package org.skypatrol.analytics.detect;

import java.util.List;

import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.scene.SceneView;

/** Finds objects in a frame. One instance per source (detectors keep per-source state). */
public interface Detector extends AutoCloseable {

    List<Detection> detect(AnalysisFrame frame, SceneView view);

    String name();

    /**
     * The video broke (a loop, a reconnect, a new publisher): what the detector learnt of the scene
     * (a background) no longer holds. The next frame is taken as a first frame. Stateless detectors
     * have nothing to forget.
     */
    default void restart() {
    }

    @Override
    void close();
}
