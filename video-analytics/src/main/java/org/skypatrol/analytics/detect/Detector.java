package org.skypatrol.analytics.detect;

import java.util.List;

import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.scene.SceneView;

/** Finds objects in a frame. One instance per source (detectors keep per-source state). */
public interface Detector extends AutoCloseable {

    List<Detection> detect(AnalysisFrame frame, SceneView view);

    String name();

    @Override
    void close();
}
