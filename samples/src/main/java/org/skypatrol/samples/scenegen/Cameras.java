package org.skypatrol.samples.scenegen;

import java.util.List;

/** The camera rigs of the library (640x360, the size DESIGN.md's cost figures use). */
final class Cameras {

    static final int WIDTH = 640;
    static final int HEIGHT = 360;

    private Cameras() {
    }

    /** A mast 12 m behind the start of the motorway stretch, 16 m up, looking north 27° down. */
    static CameraRig motorway() {
        return new CameraRig.Fixed(new PinholeCamera(0, -12, 16, 0, -27, 0, 60, WIDTH, HEIGHT), 0.08);
    }

    /** A street-light camera over the centre line, 12 m up, looking north 30° down. */
    static CameraRig urban() {
        return new CameraRig.Fixed(new PinholeCamera(0, -10, 12, 0, -30, 0, 66, WIDTH, HEIGHT), 0.08);
    }

    /** A building-corner camera over the square, 12 m up, looking north 35° down. */
    static CameraRig plaza() {
        return new CameraRig.Fixed(new PinholeCamera(0, 0, 12, 0, -35, 0, 60, WIDTH, HEIGHT), 0.05);
    }

    /** A drone hovering straight down at (x, y), {@code height} metres up, with hover wobble. */
    static CameraRig hover(double x, double y, double height, double yawDeg) {
        return new CameraRig.Drone(List.of(new CameraRig.DronePose(0, x, y, height, yawDeg, -90)), 70, WIDTH, HEIGHT, 0.4);
    }

    /** A drone flying from (x, y0) to (x, y1) over {@code seconds}, camera oblique at {@code pitchDeg}. */
    static CameraRig patrol(double x, double y0, double y1, double seconds, double height, double pitchDeg) {
        return new CameraRig.Drone(List.of(new CameraRig.DronePose(0, x, y0, height, 0, pitchDeg),
                new CameraRig.DronePose(seconds, x, y1, height, 0, pitchDeg)), 70, WIDTH, HEIGHT, 0.3);
    }
}
