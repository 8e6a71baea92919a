package org.skypatrol.samples.scenegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The library's truth against its own scripts: positives and near misses for all twenty behaviours,
 * true alerts where the script says they happen (a parked car's alert = its stop + the dwell), and
 * near misses that really stay short of the rule.
 */
class LibraryTruthTest {

    private static final List<Scenario> ALL = ScenarioLibrary.all();

    private static Scenario named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void library_everyBehaviour_hasPositiveAndNearMiss() {
        assertThat(ScenarioLibrary.uncovered()).isEmpty();
        assertThat(ALL).extracting(Scenario::name).doesNotHaveDuplicates();
        assertThat(ALL).anyMatch(Scenario::isDrone);
    }

    @Test
    void library_positivesHaveTruthOfTheirBehaviour_nearMissesHaveNone() {
        for (Scenario s : ALL) {
            if (s.polarity() == Scenario.Polarity.POSITIVE) {
                assertThat(s.truth()).as(s.name()).extracting(Scenario.TruthPhase::behaviour).contains(s.behaviour());
            } else {
                assertThat(s.truth()).as(s.name()).isEmpty();
            }
            for (Scenario.TruthPhase p : s.truth()) {
                assertThat(p.startSeconds()).as(s.name()).isBetween(0.0, s.durationSeconds() - 1);
            }
        }
    }

    @Test
    void library_zoneTruths_haveTheirActorsInsideTheZoneAtTheStart() {
        for (Scenario s : ALL) {
            for (Scenario.TruthPhase p : s.truth()) {
                if (p.zoneId() == null || s.layout().lines().stream().anyMatch(l -> l.id().equals(p.zoneId()))) {
                    continue;
                }
                Layout.ZoneSpec zone = s.layout().zone(p.zoneId());
                for (int id : p.actorIds()) {
                    Pt at = s.actor(id).path().position(p.startSeconds());
                    assertThat(zone.contains(at)).as(s.name() + " actor " + id + " at " + at).isTrue();
                    assertThat(s.rig().at(p.startSeconds()).sees(at, 0)).as(s.name() + " visible").isTrue();
                }
            }
        }
    }

    @Test
    void parking_startsDwellAfterTheCarStops_andTheCarIsStill() {
        Scenario s = named("illegal_parking-positive");
        Scenario.TruthPhase p = s.truth().get(0);
        Trajectory car = s.actor(p.actorIds().get(0)).path();
        assertThat(p.startSeconds()).isCloseTo(car.mark("stopped") + RuleParams.PARKING_DWELL_SECONDS,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(car.speedMps(car.mark("stopped") + 0.5)).isZero();
        assertThat(car.speedMps(car.mark("stopped") - 0.5)).isPositive();
    }

    @Test
    void parkingNearMiss_noCarStaysInTheZoneForTheDwell() {
        Scenario s = named("illegal_parking-near_miss");
        Layout.ZoneSpec zone = s.layout().zone("sb-kerb-np");
        for (Actor a : s.actors()) {
            double inside = 0;
            for (double t = 0; t < s.durationSeconds(); t += 0.1) {
                if (a.path().present(t) && zone.contains(a.path().position(t)) && a.path().speedMps(t) < 0.1) {
                    inside += 0.1;
                }
            }
            assertThat(inside).as("actor " + a.id()).isLessThan(RuleParams.PARKING_DWELL_SECONDS);
        }
    }

    @Test
    void accident_footprintsMeetAtImpact_nearMissKeepsAGap() {
        Scenario hit = named("traffic_accident-positive");
        Scenario.TruthPhase p = hit.truth().get(0);
        Actor front = hit.actor(p.actorIds().get(0));
        Actor rear = hit.actor(p.actorIds().get(1));
        double t = p.startSeconds();
        double gap = front.path().position(t).y() - front.lengthMetres() / 2 - (rear.path().position(t).y() + rear.lengthMetres() / 2);
        assertThat(gap).as("bumper gap after impact").isLessThanOrEqualTo(0);
        assertThat(front.path().speedMps(t)).isZero();
        assertThat(rear.path().speedMps(t)).isZero();

        Scenario miss = named("traffic_accident-near_miss");
        Actor f = miss.actors().get(miss.actors().size() - 2);
        Actor r = miss.actors().get(miss.actors().size() - 1);
        double closest = Double.MAX_VALUE;
        for (double tt = 0; tt < miss.durationSeconds(); tt += 0.05) {
            closest = Math.min(closest, f.path().position(tt).y() - f.lengthMetres() / 2
                    - (r.path().position(tt).y() + r.lengthMetres() / 2));
        }
        assertThat(closest).isGreaterThan(1.0);
    }

    @Test
    void speeding_positiveAboveLimitPlusTolerance_nearMissBelowLimit() {
        double limitMps = Layouts.URBAN_LIMIT_KPH / 3.6;
        Scenario fast = named("speeding-positive");
        Actor car = fast.actor(fast.truth().get(0).actorIds().get(0));
        assertThat(car.path().speedMps(fast.truth().get(0).startSeconds()))
                .isGreaterThan((Layouts.URBAN_LIMIT_KPH + RuleParams.SPEEDING_TOLERANCE_KPH) / 3.6);
        Scenario slow = named("speeding-near_miss");
        for (Actor a : slow.actors()) {
            for (double t = 0; t < slow.durationSeconds(); t += 0.5) {
                assertThat(a.path().speedMps(t)).as("actor " + a.id()).isLessThan(limitMps);
            }
        }
    }

    @Test
    void uTurn_truthWhenHeadingHasTurnedByTheThreshold() {
        Scenario s = named("illegal_u_turn-positive");
        Scenario.TruthPhase p = s.truth().get(0);
        Trajectory car = s.actor(p.actorIds().get(0)).path();
        double turned = Math.abs(((car.headingDeg(p.startSeconds()) - car.headingDeg(car.mark("turn")) + 540) % 360) - 180);
        assertThat(turned).isBetween(RuleParams.U_TURN_MIN_DEG - 10, RuleParams.U_TURN_MIN_DEG + 10);
    }

    @Test
    void crowdNearMiss_neverHasTheMinimumWithinTheRadius() {
        Scenario s = named("crowd_gathering-near_miss");
        int most = 0;
        for (double t = 0; t < s.durationSeconds(); t += 0.5) {
            for (Actor centre : s.actors()) {
                if (!centre.path().present(t)) {
                    continue;
                }
                Pt c = centre.path().position(t);
                final double tt = t;
                int n = (int) s.actors().stream().filter(a -> a.path().present(tt)
                        && a.path().position(tt).distance(c) <= RuleParams.CROWD_RADIUS_METRES).count();
                most = Math.max(most, n);
            }
        }
        assertThat(most).isLessThan((int) RuleParams.CROWD_MIN_PEOPLE);
    }

    @Test
    void truthEvents_carryFrameAndBoxOfTheActor() {
        Scenario s = named("illegal_parking-positive");
        List<EventRecord> events = ScenarioRenderer.truthEvents(s);
        assertThat(events).hasSize(1);
        EventRecord e = events.get(0);
        assertThat(e.frame()).isEqualTo(Math.round(e.videoTimeSeconds() * s.fps()));
        assertThat(e.objects()).hasSize(1);
        assertThat(e.objects().get(0).cls()).isEqualTo("car");
        List<Integer> box = e.objects().get(0).bbox();
        assertThat(box.get(2)).isBetween(10, 200);
        assertThat(box.get(0) + box.get(2)).isLessThanOrEqualTo(640);
    }
}
