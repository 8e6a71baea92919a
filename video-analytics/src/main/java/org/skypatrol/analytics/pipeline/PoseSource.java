package org.skypatrol.analytics.pipeline;

import java.util.Optional;

import org.skypatrol.analytics.geo.CameraPose;

/** The camera pose at a frame time (seconds from the start of the video), for drone sources. */
@FunctionalInterface
public interface PoseSource {

    Optional<CameraPose> poseAt(double videoTimeSeconds);

    static PoseSource none() {
        return t -> Optional.empty();
    }
}
