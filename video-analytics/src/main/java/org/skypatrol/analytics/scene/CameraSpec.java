package org.skypatrol.analytics.scene;

import java.util.List;

import org.skypatrol.analytics.geo.LatLon;
import org.skypatrol.analytics.geo.Vec2;

/** The camera of a scene: a fixed camera calibrated to the ground, or a drone camera posed by telemetry. */
public sealed interface CameraSpec {

    int width();

    int height();

    /** Ground (0,0) as lat/lon, or null when the scene has no geographic reference. */
    LatLon origin();

    /** Register frames and warp the background before differencing; null = default (drone on, fixed off). */
    Boolean motionCompensation();

    /** One pixel↔ground calibration pair of a fixed camera. */
    record CalibrationPair(Vec2 pixel, Vec2 ground) {
    }

    /** A fixed camera: ground plane by homography from {@code calibration} (≥ 4 pairs). */
    record Fixed(int width, int height, List<CalibrationPair> calibration, LatLon origin,
                 Boolean motionCompensation) implements CameraSpec {
        public Fixed {
            calibration = List.copyOf(calibration);
        }
    }

    /** A drone camera: pose from telemetry; field of view from here (null = from telemetry). */
    record Drone(int width, int height, String droneId, Double horizontalFovDeg, Double verticalFovDeg,
                 LatLon origin, Boolean motionCompensation) implements CameraSpec {
    }
}
