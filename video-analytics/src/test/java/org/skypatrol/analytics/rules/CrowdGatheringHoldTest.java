package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skypatrol.analytics.detect.ObjectClass.CAR;
import static org.skypatrol.analytics.rules.Scenario.line;
import static org.skypatrol.analytics.rules.Scenario.starts;
import static org.skypatrol.analytics.rules.Scenario.still;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.geo.Vec2;

/**
 * The crowd gathering rule's hold: people standing still fade from the detector's moving foreground, so a
 * standing group's estimate falls although nobody left; its count holds while its box stays where it stood.
 */
class CrowdGatheringHoldTest {

    static final String AREA = """
            zones:
              - {id: square, kind: watch, metres: [[0, 0], [60, 0], [60, 60], [0, 60]]}
            """;

    /**
     * Twelve people read 12 for 3 s once counting starts, then 7 as most of them fade (the box unchanged, people
     * milling about): with the hold the count stays 12 and the gathering is raised; with the hold switched off
     * (a box must keep 101 % of its area) the count is 7 after 3 s and nothing is raised.
     */
    @Test
    void groupFadingWhereItStands_holdsItsCount() throws Exception {
        for (double minArea : new double[] {0.8, 1.01}) {
            var seen = new Scenario(AREA + "rules:\n  crowd_gathering: {holdMinArea: " + minArea + "}\n")
                    .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30)))
                    .group(t -> new double[] {t < 6 ? 12 : 7, 0.35})
                    .run(20);
            var starts = starts(seen, "crowd_gathering");
            assertThat(starts).as("holdMinArea " + minArea).hasSize(minArea <= 1 ? 1 : 0);
            if (minArea <= 1) {
                assertThat(starts.get(0).time()).isBetween(7.8, 8.4);   // counted from 3 s, sustained 5 s
            }
        }
    }

    /** The same group reading 7 once it walks off 10 m (its box moves): the hold ends, nothing is raised. */
    @Test
    void groupMovingOff_doesNotHold() throws Exception {
        var seen = new Scenario(AREA)
                .actor(CAR, 4.0, 2.5, 0, 20, line(new Vec2(30, 30), new Vec2(40, 30), 6, 10))
                .group(t -> new double[] {t < 6 ? 12 : 7, 0.35})
                .run(20);
        assertThat(starts(seen, "crowd_gathering")).isEmpty();
    }

    /**
     * Eight people read 8, and 11 for two frames while a passer-by merges into their blob: the typical count
     * (the lower median of the last second) stays 8, the two frames are not held, nothing is raised.
     */
    @Test
    void passerByMergingForTwoFrames_isNotHeld() throws Exception {
        var seen = new Scenario(AREA)
                .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30)))
                .group(t -> new double[] {Math.abs(t - 4.1) < 0.15 ? 11 : 8, 0.35})
                .run(20);
        assertThat(starts(seen, "crowd_gathering")).isEmpty();
    }

    /** A group strolling (most of its blob changing) is not gathered: it counts nothing, and holds nothing. */
    @Test
    void groupThatStartsStrolling_losesItsHold() throws Exception {
        var seen = new Scenario(AREA)
                .actor(CAR, 4.0, 2.5, 0, 20, still(new Vec2(30, 30)))
                .group(t -> t < 5 ? new double[] {12, 0.35} : new double[] {7, 0.8})
                .run(20);
        assertThat(starts(seen, "crowd_gathering")).isEmpty();
    }
}
