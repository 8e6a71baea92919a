package org.skypatrol.samples.scenegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The evaluator's matching on hand-written truth and prediction lists. */
class MatcherTest {

    private static EventRecord start(String behaviour, double t, String zone) {
        return new EventRecord(behaviour, "start", t, Math.round(t * 10), zone, List.of());
    }

    private static EventRecord end(String behaviour, double t, String zone) {
        return new EventRecord(behaviour, "end", t, Math.round(t * 10), zone, List.of());
    }

    @Test
    void match_sameBehaviourZoneWithinTolerance_isTruePositiveWithSignedError() {
        Matcher.Result r = Matcher.match(List.of(start("illegal_parking", 17.0, "np-1")),
                List.of(start("illegal_parking", 18.5, "np-1"), end("illegal_parking", 25, "np-1")), 3);
        assertThat(r.matched()).hasSize(1);
        assertThat(r.matched().get(0).errorSeconds()).isEqualTo(1.5);
        assertThat(r.missed()).isEmpty();
        assertThat(r.falseAlarms()).as("end phases are not scored").isEmpty();
    }

    @Test
    void match_outsideTolerance_isOneMissAndOneFalseAlarm() {
        Matcher.Result r = Matcher.match(List.of(start("speeding", 2.5, "nb-lane-1")),
                List.of(start("speeding", 6.0, "nb-lane-1")), 3);
        assertThat(r.matched()).isEmpty();
        assertThat(r.missed()).hasSize(1);
        assertThat(r.falseAlarms()).hasSize(1);
    }

    @Test
    void match_wrongZone_doesNotCount() {
        Matcher.Result r = Matcher.match(List.of(start("emergency_lane_occupation", 4, "nb-shoulder")),
                List.of(start("emergency_lane_occupation", 4.2, "sb-shoulder")), 3);
        assertThat(r.matched()).isEmpty();
        assertThat(r.missed()).hasSize(1);
        assertThat(r.falseAlarms()).hasSize(1);
    }

    @Test
    void match_truthWithoutZone_acceptsAnyPredictedZone() {
        Matcher.Result r = Matcher.match(List.of(start("road_debris", 9.3, null)),
                List.of(start("road_debris", 10.0, "nb-lane-2")), 3);
        assertThat(r.matched()).hasSize(1);
    }

    @Test
    void match_otherBehaviour_isFalseAlarmOfThatBehaviour() {
        Matcher.Result r = Matcher.match(List.of(start("traffic_accident", 6.3, null)),
                List.of(start("traffic_accident", 7, null), start("abnormal_stop", 7, "nb-lane-1")), 3);
        assertThat(r.matched()).hasSize(1);
        assertThat(r.falseAlarms()).extracting(EventRecord::behaviour).containsExactly("abnormal_stop");
    }

    @Test
    void match_duplicatePredictions_onlyOneMatchesTheClosest() {
        Matcher.Result r = Matcher.match(List.of(start("loitering", 18.85, "bank-entrance")),
                List.of(start("loitering", 20.5, "bank-entrance"), start("loitering", 19.0, "bank-entrance")), 3);
        assertThat(r.matched()).hasSize(1);
        assertThat(r.matched().get(0).predicted().videoTimeSeconds()).isEqualTo(19.0);
        assertThat(r.falseAlarms()).hasSize(1);
    }

    @Test
    void match_twoTruthsTwoPredictions_pairsByNearestTime() {
        Matcher.Result r = Matcher.match(
                List.of(start("illegal_parking", 10, "np"), start("illegal_parking", 14, "np")),
                List.of(start("illegal_parking", 12.5, "np"), start("illegal_parking", 15, "np")), 3);
        assertThat(r.matched()).hasSize(2);
        assertThat(r.matched()).extracting(Matcher.Pair::errorSeconds).containsExactlyInAnyOrder(1.0, 2.5);
    }

    @Test
    void report_nearMissClipWithPrediction_isFalsePositiveAndNotSilent() {
        AccuracyReport report = new AccuracyReport();
        report.add("crowd_gathering-near_miss", "crowd_gathering", Scenario.Polarity.NEAR_MISS, List.of(),
                List.of(start("crowd_gathering", 12, null)), 3, null);
        report.add("crowd_gathering-positive", "crowd_gathering", Scenario.Polarity.POSITIVE,
                List.of(start("crowd_gathering", 13.7, null)), List.of(start("crowd_gathering", 15, null)), 3, null);
        report.add("fighting-near_miss", "fighting", Scenario.Polarity.NEAR_MISS, List.of(), List.of(), 3, null);
        AccuracyReport.Row crowd = report.row("crowd_gathering");
        assertThat(crowd.tp()).isEqualTo(1);
        assertThat(crowd.fp()).isEqualTo(1);
        assertThat(crowd.fn()).isZero();
        assertThat(crowd.precision()).isEqualTo(0.5);
        assertThat(crowd.recall()).isEqualTo(1.0);
        assertThat(crowd.f1()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(crowd.nearMissClean()).isZero();
        assertThat(report.row("fighting").nearMissClean()).isEqualTo(1);
        assertThat(report.table()).contains("| crowd_gathering | 1 / 1 | 1 | 1 | 0 | 0.50 | 1.00 | 0.67 |");
    }

    @Test
    void report_unanalysedPositive_countsItsTruthAsMissed() {
        AccuracyReport report = new AccuracyReport();
        report.add("speeding-positive", "speeding", Scenario.Polarity.POSITIVE,
                List.of(start("speeding", 2.5, "nb-lane-1")), null, 3, "not analysed");
        assertThat(report.row("speeding").fn()).isEqualTo(1);
        assertThat(report.row("speeding").f1()).isZero();
    }
}
