package org.skypatrol.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.geo.GroundMapping;

/**
 * People counted in merged blobs on the plaza camera of the scenario library (12 m up, 35° down),
 * with boxes and foreground areas as the classical detector found them in the rendered crowd clips
 * (full-frame pixels), and made-up blobs at the limits.
 */
class PeopleEstimateTest {

    static double people(Box b, double areaPixels, GroundMapping m) {
        var size = SizeClassifier.measure(b, m).orElseThrow();
        return PeopleEstimate.people(size, SizeClassifier.classify(size), areaPixels, b.w());
    }

    @Test
    void groupsOfTwelveAndEight_30mOut_areTellApart() throws Exception {
        GroundMapping m = SizeClassifierTest.plaza();
        // crowd_gathering-positive at 16 s: twelve people in one 107x53 blob of 3614 foreground pixels
        double twelve = people(new Box(275, 9, 107, 53), 3614, m);
        // crowd_gathering-near_miss at 16 s: eight people in a 89x59 blob of 2136 pixels
        double eight = people(new Box(277, 8, 89, 59), 2136, m);
        assertThat(twelve).isBetween(10.0, 14.0);
        assertThat(eight).isBetween(6.0, 9.5);
    }

    @Test
    void onePerson_countsOne_whateverItsShadow() throws Exception {
        GroundMapping m = SizeClassifierTest.plaza();
        // a person with the sun's shadow beside them, 15 m out: a filled box would be ~2 silhouettes
        assertThat(people(new Box(149, 153, 40, 57), 40 * 57 * 0.8, m)).isEqualTo(1.0);
    }

    @Test
    void objectsAndFlatBlobs_holdNoPeople() throws Exception {
        GroundMapping m = SizeClassifierTest.plaza();
        // the left bag of the abandoned-object clip
        assertThat(people(new Box(355, 59, 24, 20), 24 * 20 * 0.8, m)).isZero();
        // a flat smear 6 m wide and under 1 m tall (a shadow band, a kerb)
        assertThat(people(new Box(250, 150, 130, 15), 130 * 15, m)).isZero();
    }

    @Test
    void limits_byGroundSize() {
        // oblique, 3 m wide and 2 m tall, 5.1 m^2 of foreground: six silhouettes of 0.85 m^2
        var group = new SizeClassifier.GroundSize(3, 2, false);
        assertThat(PeopleEstimate.people(group, SizeClassifier.classify(group), 5.1 / 0.01, 3 / 0.1))
                .isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-9));
        // taller than any group of people: not counted
        var tall = new SizeClassifier.GroundSize(3, 5, false);
        assertThat(PeopleEstimate.people(tall, SizeClassifier.classify(tall), 1000, 30)).isZero();
        // straight down: 4 m^2 of people seen from above at 0.5 m^2 each
        var above = new SizeClassifier.GroundSize(2, 2.5, true);
        assertThat(PeopleEstimate.people(above, SizeClassifier.classify(above), 4 / 0.0025, 2 / 0.05))
                .isCloseTo(8.0, org.assertj.core.data.Offset.offset(1e-9));
        // straight down, longer than a group: a bus
        var bus = new SizeClassifier.GroundSize(2.5, 12.5, true);
        assertThat(PeopleEstimate.people(bus, SizeClassifier.classify(bus), 10000, 50)).isZero();
        // a smaller group still counts at least one
        var small = new SizeClassifier.GroundSize(1.8, 1.6, false);
        assertThat(PeopleEstimate.people(small, SizeClassifier.classify(small), 10, 18)).isEqualTo(1.0);
    }
}
