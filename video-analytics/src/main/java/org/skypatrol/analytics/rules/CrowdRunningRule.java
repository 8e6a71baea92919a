package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code crowd_running}: at least {@code minRunners} (4) people, and at least {@code minFraction}
 * (0.5) of the people in view, moving faster than {@code runSpeedMps} (3) — walking is ~1.4 m/s —
 * sustained {@code sustainSeconds} (1). People are judged by their current box too (see
 * {@link #personNow}), and anything off the road moving at a running pace (up to
 * {@code maxRunSpeedMps}, 9) and no wider than a person ({@code maxRunnerWidthMetres}, 1.7, person with
 * shadow) counts as a runner whatever its class. Lanes, motorways, emergency lanes and intersections
 * are road: on the real junction clip (evadb_ua_detrac) cars crossing the intersection at 3-9 m/s were
 * a "crowd running" until both limits were added.
 */
public final class CrowdRunningRule extends AbstractRule {

    public CrowdRunningRule(Map<String, Double> overrides) {
        super(Behaviour.CROWD_RUNNING, Map.of("minRunners", 4.0, "minFraction", 0.5, "runSpeedMps", 3.0,
                "maxRunSpeedMps", 9.0, "maxRunnerWidthMetres", 1.7, "sustainSeconds", 1.0), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    /**
     * A person now: of class person or bicycle (the tracker calls a person-shaped track that keeps
     * above 4.5 m/s a bicycle), or whose current box measures as a person: people who strolled in a
     * group were one merged blob (voted car or truck) until they ran apart.
     */
    static boolean personNow(TrackSnapshot t, RuleContext ctx) {
        if (t.cls() == ObjectClass.PERSON || t.cls() == ObjectClass.BICYCLE) {
            return true;
        }
        return t.missedSeconds() == 0 && SizeClassifier.measure(t.box(), ctx.view().mapping())
                .map(s -> SizeClassifier.classify(s) == ObjectClass.PERSON).orElse(false);
    }

    /**
     * Moving at a person's running pace (above {@code runSpeedMps}, at most {@code maxRunSpeedMps} 9)
     * whatever its class, unless it is a static object: runners who strolled as one merged blob keep
     * the car or truck class that blob was voted.
     */
    private boolean runningPace(TrackSnapshot t, RuleContext ctx) {
        return t.cls() != ObjectClass.STATIC_OBJECT && t.speedMps() > p("runSpeedMps")
                && t.speedMps() <= p("maxRunSpeedMps")
                && SizeClassifier.measure(t.box(), ctx.view().mapping())
                        .map(g -> g.widthMetres() <= p("maxRunnerWidthMetres")).orElse(false);
    }

    /** Vehicles on a lane, motorway or intersection zone are traffic, not a crowd. */
    static boolean onRoad(TrackSnapshot t, RuleContext ctx) {
        return ctx.view().zones().stream().anyMatch(z -> (RoadDebrisRule.isRoad(z.kind())
                || z.kind() == ZoneKind.INTERSECTION) && RuleContext.inside(t, z));
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<TrackSnapshot> people = ctx.tracks().stream().filter(t -> !onRoad(t, ctx))
                .filter(t -> personNow(t, ctx) || runningPace(t, ctx)).toList();
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
