package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code crowd_running}: at least {@code minRunners} (4) people, and at least {@code minFraction}
 * (0.5) of the people in view, moving faster than {@code runSpeedMps} (3) — walking is ~1.4 m/s —
 * sustained {@code sustainSeconds} (1). People include tracks of class {@code bicycle}: the tracker
 * names a person-shaped track that keeps above 4.5 m/s a bicycle, and on a square that is a runner
 * as often as a rider.
 */
public final class CrowdRunningRule extends AbstractRule {

    public CrowdRunningRule(Map<String, Double> overrides) {
        super(Behaviour.CROWD_RUNNING, Map.of("minRunners", 4.0, "minFraction", 0.5, "runSpeedMps", 3.0,
                "sustainSeconds", 1.0), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        // the tracker calls a person-shaped track that keeps above 4.5 m/s a bicycle: a runner, here
        List<TrackSnapshot> people = ctx.tracksOf(c -> c == ObjectClass.PERSON || c == ObjectClass.BICYCLE);
        List<TrackSnapshot> running = people.stream().filter(t -> t.speedMps() > p("runSpeedMps")).toList();
        List<RuleHit> hits = new ArrayList<>();
        if (running.size() >= p("minRunners") && running.size() >= p("minFraction") * people.size()) {
            var centre = running.stream().map(TrackSnapshot::ground).reduce((a, b) -> a.plus(b)).orElseThrow()
                    .times(1.0 / running.size());
            hits.add(new RuleHit("scene", null, running.stream().map(TrackSnapshot::id).toList(), centre,
                    running.size() + " of " + people.size() + " people running"));
        }
        return hits;
    }
}
