package org.skypatrol.analytics.detect;

import java.nio.file.Path;

import org.skypatrol.analytics.scene.CameraSpec;
import org.skypatrol.analytics.scene.Scene;

/** Chooses the detector of a source: ONNX when a model is given, else the classical one. */
public final class Detectors {

    private Detectors() {
    }

    /** Throws IllegalArgumentException with a clear message for a missing or incompatible model. */
    public static Detector create(Path model, Scene scene) {
        if (model != null) {
            return new OnnxDetector(model, 416, 0.3, 2.0);
        }
        boolean drone = scene.camera() instanceof CameraSpec.Drone;
        boolean compensate = scene.camera().motionCompensation() != null ? scene.camera().motionCompensation() : drone;
        return new ClassicalDetector(ClassicalSettings.defaults(compensate));
    }
}
