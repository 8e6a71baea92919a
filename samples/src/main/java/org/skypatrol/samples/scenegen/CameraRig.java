package org.skypatrol.samples.scenegen;

import java.util.List;

/** Where the camera is at each moment of a clip: a fixed mast camera, or a drone with a pose track. */
public sealed interface CameraRig {

    /** The camera that actually took the frame at {@code t} (sway included). */
    PinholeCamera at(double t);

    /** The undisturbed camera the scene file's calibration is written for (fixed) or the start pose (drone). */
    PinholeCamera nominal();

    /**
     * A camera on a mast: one pose, plus a small wind sway (degrees) that a real pole has; the scene
     * calibration is the nominal pose, so sway is pixel noise the analytics must tolerate.
     */
    record Fixed(PinholeCamera nominal, double swayDeg) implements CameraRig {
        @Override
        public PinholeCamera at(double t) {
            if (swayDeg == 0) {
                return nominal;
            }
            double yaw = swayDeg * Math.sin(2 * Math.PI * t / 3.1);
            double pitch = 0.6 * swayDeg * Math.sin(2 * Math.PI * t / 2.3 + 1.0);
            return nominal.swayed(yaw, pitch, 0);
        }
    }

    /**
     * A drone camera: pose keyframes (linear in between), plus a hover wobble of {@code swayDeg}
     * in yaw/pitch/roll. The wobble is part of the true pose and so of the telemetry written with the
     * clip (the gimbal's reported attitude follows the real one).
     */
    record Drone(List<DronePose> keyframes, double hfovDeg, int width, int height, double swayDeg)
            implements CameraRig {

        public Drone {
            keyframes = List.copyOf(keyframes);
            if (keyframes.isEmpty()) {
                throw new IllegalArgumentException("a drone rig needs at least one pose");
            }
        }

        @Override
        public PinholeCamera at(double t) {
            DronePose p = pose(t);
            double w = swayDeg;
            return new PinholeCamera(p.x(), p.y(), p.heightMetres(),
                    p.yawDeg() + w * Math.sin(2 * Math.PI * t / 4.3),
                    p.pitchDeg() + 0.7 * w * Math.sin(2 * Math.PI * t / 3.7 + 0.5),
                    0.5 * w * Math.sin(2 * Math.PI * t / 2.9 + 2.0), hfovDeg, width, height);
        }

        @Override
        public PinholeCamera nominal() {
            DronePose p = keyframes.get(0);
            return new PinholeCamera(p.x(), p.y(), p.heightMetres(), p.yawDeg(), p.pitchDeg(), 0, hfovDeg, width, height);
        }

        DronePose pose(double t) {
            DronePose prev = keyframes.get(0);
            if (t <= prev.t()) {
                return prev;
            }
            for (DronePose next : keyframes.subList(1, keyframes.size())) {
                if (t <= next.t()) {
                    double f = (t - prev.t()) / (next.t() - prev.t());
                    return new DronePose(t, lerp(prev.x(), next.x(), f), lerp(prev.y(), next.y(), f),
                            lerp(prev.heightMetres(), next.heightMetres(), f), lerp(prev.yawDeg(), next.yawDeg(), f),
                            lerp(prev.pitchDeg(), next.pitchDeg(), f));
                }
                prev = next;
            }
            return prev;
        }

        private static double lerp(double a, double b, double f) {
            return a + (b - a) * f;
        }
    }

    /** A drone camera keyframe: time, ground position (metres), height above ground, camera yaw/pitch. */
    record DronePose(double t, double x, double y, double heightMetres, double yawDeg, double pitchDeg) {
    }
}
