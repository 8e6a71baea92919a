package org.skypatrol.samples.scenegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Regression: background actors of the first library wandered into the building site and the
 * watch zone, so true intrusions were missing from the truth and the analytics looked wrong for
 * being right. For the simple membership rules, every actor seen inside a zone where its presence
 * is the behaviour must appear in a truth phase of that behaviour (and nowhere else must one).
 */
class ZoneOracleTest {

    /** Which behaviour an actor of a kind inside a zone of a kind amounts to, or null. */
    private static String membership(String zoneKind, ActorKind kind) {
        return switch (zoneKind) {
            case "restricted" -> "restricted_area_intrusion";
            case "motorway" -> kind == ActorKind.PERSON ? "pedestrian_on_motorway"
                    : kind == ActorKind.BICYCLE || kind == ActorKind.MOTORCYCLE ? "non_motor_vehicle_on_motorway" : null;
            case "emergency_lane" -> kind.isMotorVehicle() ? "emergency_lane_occupation" : null;
            case "bus_lane" -> kind == ActorKind.CAR || kind == ActorKind.VAN || kind == ActorKind.TRUCK
                    ? "bus_lane_occupation" : null;
            case "no_trucks" -> kind == ActorKind.TRUCK || kind == ActorKind.BUS ? "truck_lane_violation" : null;
            default -> null;
        };
    }

    @Test
    void library_everyVisibleZoneMembership_isInTheTruth() {
        List<String> problems = new ArrayList<>();
        for (Scenario s : ScenarioLibrary.all()) {
            for (Actor a : s.actors()) {
                for (Layout.ZoneSpec z : s.layout().zones()) {
                    String b = membership(z.kind(), a.kind());
                    if (b == null || s.disabled().contains(b) || !seenInside(s, a, z)) {
                        continue;
                    }
                    boolean inTruth = s.truth().stream()
                            .anyMatch(p -> p.behaviour().equals(b) && p.actorIds().contains(a.id()));
                    if (!inTruth) {
                        problems.add(s.name() + ": actor " + a.id() + " (" + a.kind() + ") in " + z.id() + " is " + b
                                + " but not in the truth");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void library_watchZones_nobodyStaysForTheLoiteringTimeUnlessTrue() {
        List<String> problems = new ArrayList<>();
        for (Scenario s : ScenarioLibrary.all()) {
            for (Layout.ZoneSpec z : s.layout().zones()) {
                if (!Set.of("watch", "restricted").contains(z.kind())) {
                    continue;
                }
                for (Actor a : s.actors()) {
                    if (a.kind() != ActorKind.PERSON) {
                        continue;
                    }
                    double run = 0;
                    double longest = 0;
                    for (double t = 0; t < s.durationSeconds(); t += 0.1) {
                        run = a.path().present(t) && z.contains(a.path().position(t)) ? run + 0.1 : 0;
                        longest = Math.max(longest, run);
                    }
                    boolean inTruth = s.truth().stream()
                            .anyMatch(p -> p.behaviour().equals("loitering") && p.actorIds().contains(a.id()));
                    if (longest >= RuleParams.LOITERING_SECONDS - 1 && !inTruth) {
                        problems.add(s.name() + ": actor " + a.id() + " stays " + longest + " s in " + z.id());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean seenInside(Scenario s, Actor a, Layout.ZoneSpec z) {
        for (double t = a.path().startTime(); t <= Math.min(a.path().endTime(), s.durationSeconds()); t += 0.1) {
            Pt p = a.path().position(t);
            if (z.contains(p) && s.rig().at(t).sees(p, 0)) {
                return true;
            }
        }
        return false;
    }
}
