package org.skypatrol.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.scene.LibraryCameras;

/**
 * Classification by ground size on the plaza camera of the scenario library (12 m up, 35° down), with
 * pixel boxes as the classical detector found them in the rendered clips (person and sun shadow, a
 * cyclist from behind, a left bag) and boxes of cars.
 */
class SizeClassifierTest {

    static GroundMapping plaza() throws Exception {
        return LibraryCameras.plaza().mapping();
    }

    static ObjectClass classOf(Box b, GroundMapping m) {
        return SizeClassifier.classify(SizeClassifier.measure(b, m).orElseThrow());
    }

    @Test
    void personWithShadowBesideThem_isPerson() throws Exception {
        GroundMapping m = plaza();
        // loitering clip: a person 15 m out standing, the afternoon shadow to their right (40x55 px)
        var size = SizeClassifier.measure(new Box(149, 153, 40, 57), m).orElseThrow();
        assertThat(size.widthMetres()).isBetween(1.3, 1.7);
        assertThat(SizeClassifier.classify(size)).isEqualTo(ObjectClass.PERSON);
        // the same person without a shadow (overcast), half as wide
        assertThat(classOf(new Box(155, 153, 20, 55), m)).isEqualTo(ObjectClass.PERSON);
    }

    @Test
    void carsAndBags_areNotPeople() throws Exception {
        GroundMapping m = plaza();
        // a car side-on 15 m out: 4.5 m long, 1.5 m tall
        assertThat(classOf(new Box(100, 170, 130, 55), m)).isEqualTo(ObjectClass.CAR);
        // a car end-on: 1.8 m wide plus its shadow, taller in the image than a person
        assertThat(classOf(new Box(150, 120, 75, 95), m)).isIn(ObjectClass.CAR, ObjectClass.TRUCK);
        // the left bag of the abandoned-object clip (0.8 x 0.6 x 0.45 m, 27 m out)
        assertThat(classOf(new Box(355, 59, 24, 20), m)).isEqualTo(ObjectClass.STATIC_OBJECT);
    }

    /** The urban street-light camera of the scenario library: 12 m up, 30° down, 66° wide. */
    static GroundMapping urban() throws Exception {
        return LibraryCameras.urban().mapping();
    }

    /** A box of the projected 3-D box of a vehicle (pinhole of the urban camera), grown by 2 px for blur. */
    private static Box blob(int x, int y, int w, int h) {
        return new Box(x - 2, y - 2, w + 4, h + 4);
    }

    @Test
    void vehiclesDrivingTowardsAnObliqueCamera_byLengthNotImageHeight() throws Exception {
        GroundMapping m = urban();
        // boxes of vehicles in the lane left of the centre line, their near end 2, 10 and 25 m past the
        // bottom calibration row: the van's image height near the camera (133 px) is that of the truck
        // 25 m farther (80 px at 25 m), so the image height alone cannot tell them apart
        assertThat(classOf(blob(237, 202, 63, 110), m)).isEqualTo(ObjectClass.CAR);       // car 4.5 x 1.8 x 1.45 m
        assertThat(classOf(blob(262, 122, 42, 66), m)).isEqualTo(ObjectClass.CAR);
        assertThat(classOf(blob(283, 48, 26, 36), m)).isEqualTo(ObjectClass.CAR);
        assertThat(classOf(blob(232, 179, 71, 133), m)).isEqualTo(ObjectClass.CAR);       // van 5.2 x 2.0 x 2.1 m
        assertThat(classOf(blob(259, 106, 48, 82), m)).isEqualTo(ObjectClass.CAR);
        assertThat(classOf(blob(282, 37, 29, 46), m)).isEqualTo(ObjectClass.CAR);
        assertThat(classOf(blob(219, 94, 92, 218), m)).isEqualTo(ObjectClass.TRUCK);      // truck 11 x 2.5 x 3.6 m
        assertThat(classOf(blob(251, 49, 61, 139), m)).isEqualTo(ObjectClass.TRUCK);
        assertThat(classOf(blob(277, 4, 37, 80), m)).isEqualTo(ObjectClass.TRUCK);
        assertThat(classOf(blob(252, 53, 62, 135), m)).isEqualTo(ObjectClass.TRUCK);      // bus 12 x 2.55 x 3.1 m
    }

    @Test
    void groundSizes_atTheLimits() {
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(1.6, 2.1, false))).isEqualTo(ObjectClass.PERSON);
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(1.8, 2.1, false))).isEqualTo(ObjectClass.CAR);
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(1.2, 4.0, false))).isEqualTo(ObjectClass.UNKNOWN);
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(1.0, 0.9, false)))
                .isEqualTo(ObjectClass.STATIC_OBJECT);
        // upright but shorter than a child: a piece of something, not a person
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(0.5, 0.66, false)))
                .isEqualTo(ObjectClass.STATIC_OBJECT);
        // straight down: a person's footprint, a bicycle, a car
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(0.6, 0.5, true))).isEqualTo(ObjectClass.PERSON);
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(0.6, 1.8, true))).isEqualTo(ObjectClass.BICYCLE);
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(1.8, 4.5, true))).isEqualTo(ObjectClass.CAR);
        // straight down, across the image: a car at 11 m/s with its shadow and motion trail (drone 45 m
        // up, 7 m), a truck (11 m)
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(7.0, 3.4, true))).isEqualTo(ObjectClass.CAR);
        assertThat(SizeClassifier.classify(new SizeClassifier.GroundSize(11.5, 3.0, true))).isEqualTo(ObjectClass.TRUCK);
    }
}
