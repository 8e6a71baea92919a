package org.skypatrol.analytics.detect;

import java.nio.file.Path;

import org.skypatrol.analytics.scene.CameraSpec;
import org.skypatrol.analytics.scene.Scene;

/** Chooses the detector of a source: ONNX when a model is given, else the classical one. */
public final class Detectors {

    private Detectors() {
    }

    /** The ONNX detector's default score threshold (objectness x class score). */
    public static final double DEFAULT_SCORE = 0.55;    // PETS09: P 0.84 R 0.89 (0.3: P 0.75 R 0.91)

    /** Throws IllegalArgumentException with a clear message for a missing or incompatible model. */
    public static Detector create(Path model, Scene scene) {
        return create(model, scene, DEFAULT_SCORE);
    }

    /** As {@link #create(Path, Scene)} with the ONNX score threshold given. */
    public static Detector create(Path model, Scene scene, double score) {
        if (model != null) {
            return new OnnxDetector(model, 416, score, 2.0);
        }
        boolean drone = scene.camera() instanceof CameraSpec.Drone;
        Boolean flag = scene.camera().motionCompensation();
        boolean compensate = flag != null ? flag : drone;
        // a fixed camera is stabilised against sway unless the scene says motionCompensation: false
        return new ClassicalDetector(ClassicalSettings.defaults(compensate).withStabilise(!compensate && flag == null));
    }
}
