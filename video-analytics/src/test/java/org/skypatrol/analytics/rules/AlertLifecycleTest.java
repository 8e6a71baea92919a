package org.skypatrol.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.events.Phase;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.SceneGeometry;
import org.skypatrol.analytics.scene.SceneParser;

class AlertLifecycleTest {

    /** A rule whose condition the test switches on and off. */
    static final class Switch extends AbstractRule {
        boolean on;
        List<Integer> tracks = List.of(1);
        String key = "k";
        Vec2 where = new Vec2(0, 0);

        Switch(Map<String, Double> p) {
            super(Behaviour.LOITERING, Map.of(), p);
        }

        @Override
        public List<RuleHit> evaluate(RuleContext ctx) {
            return on ? List.of(new RuleHit(key, "z", tracks, where, "on")) : List.of();
        }
    }

    private static List<Phase> phases(AlertLifecycle life, Switch r, double from, double to, boolean on) {
        r.on = on;
        List<Phase> out = new java.util.ArrayList<>();
        for (double t = from; t < to; t += 0.2) {
            life.step(t, Map.of(r, r.evaluate(null))).forEach(x -> out.add(x.phase()));
        }
        return out;
    }

    @Test
    void lifecycle_sustainThenEndThenCooldownBlocksRestart() {
        Switch r = new Switch(Map.of("sustainSeconds", 1.0, "endAfterSeconds", 2.0, "cooldownSeconds", 10.0));
        AlertLifecycle life = new AlertLifecycle("cam");
        assertThat(phases(life, r, 0, 0.9, true)).isEmpty();            // not sustained yet
        assertThat(phases(life, r, 0.9, 5, true)).containsExactly(Phase.START);
        assertThat(phases(life, r, 5, 8, false)).containsExactly(Phase.END);
        assertThat(phases(life, r, 8, 15, true)).isEmpty();             // cooldown until ~17 s, pushed on by each hit
        assertThat(phases(life, r, 15, 20, true)).isEmpty();            // still the same episode: no flapping
        assertThat(phases(life, r, 20, 30.2, false)).isEmpty();         // absent for the whole cooldown
        assertThat(phases(life, r, 30.2, 33, true)).containsExactly(Phase.START);
    }

    @Test
    void lifecycle_newTrackAtTheSamePlace_isTheSameObject_fartherAwayIsNew() {
        Switch r = new Switch(Map.of("cooldownSeconds", 10.0));
        AlertLifecycle life = new AlertLifecycle("cam");
        assertThat(phases(life, r, 0, 2, true)).containsExactly(Phase.START);
        assertThat(phases(life, r, 2, 5, false)).containsExactly(Phase.END);
        r.tracks = List.of(2);                                         // the tracker lost it and started a new track
        r.key = "k2";
        assertThat(phases(life, r, 5, 8, true)).isEmpty();
        assertThat(life.suppressedSameObject()).isPositive();
        r.tracks = List.of(3);
        r.key = "k3";
        r.where = new Vec2(10, 0);
        assertThat(phases(life, r, 8, 10, true)).containsExactly(Phase.START);     // 10 m away: another object
    }

    @Test
    void lifecycle_sustainGap_toleratesDropoutsUpToTheRulesGap() {
        Switch r = new Switch(Map.of("sustainSeconds", 3.0, "sustainGapSeconds", 1.5));
        AlertLifecycle life = new AlertLifecycle("cam");
        assertThat(phases(life, r, 0, 1.5, true)).isEmpty();
        assertThat(phases(life, r, 1.5, 2.6, false)).isEmpty();         // 1 s dropout: still sustaining
        assertThat(phases(life, r, 2.6, 3.4, true)).containsExactly(Phase.START);
    }

    @Test
    void lifecycle_sameTracksUnderAnotherKey_mergedIntoTheActiveAlert() {
        Switch r = new Switch(Map.of());
        AlertLifecycle life = new AlertLifecycle("cam");
        assertThat(phases(life, r, 0, 1, true)).containsExactly(Phase.START);
        r.key = "other-zone";                                          // overlapping zone, same person
        assertThat(phases(life, r, 1, 3, true)).isEmpty();
        assertThat(life.merged()).isPositive();
        assertThat(life.activeCount()).isEqualTo(1);
    }

    @Test
    void engine_throwingRule_isolatedAndCounted_othersStillRun() throws Exception {
        Rule broken = new AbstractRule(Behaviour.FIGHTING, Map.of(), Map.of()) {
            @Override
            public List<RuleHit> evaluate(RuleContext ctx) {
                throw new IllegalStateException("boom");
            }
        };
        Switch ok = new Switch(Map.of());
        ok.on = true;
        RuleEngine engine = new RuleEngine(List.of(broken, ok));
        var scene = SceneParser.parse("s", "id: s\n" + Scenario.CAMERA);
        var ctx = new RuleContext(new SceneGeometry(scene).view(), 1.0, 5, List.of(), null);
        var hits = engine.evaluate(ctx);
        engine.evaluate(ctx);
        assertThat(hits.get(ok)).hasSize(1);
        assertThat(hits.get(broken)).isEmpty();
        assertThat(engine.failures()).containsEntry("fighting", 2L);
    }

    @Test
    void ruleSet_unknownOverride_reportedWithItsLine() {
        String yaml = "id: s\n" + Scenario.CAMERA + "rules:\n  speeding:\n    toleranceKph: 5\n    tolerance: 3\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleSet.build("s.yaml",
                        SceneParser.parse("s.yaml", yaml).rules()))
                .hasMessageContaining("line 14: rules.speeding: unknown parameter 'tolerance'");
        assertThat(RuleSet.defaults()).hasSize(20);
    }
}
