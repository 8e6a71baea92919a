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
 * People are counted, not tracks: a group still merged into one blob (seen now, off the road, holding
 * two or more people by {@link TrackSnapshot#people()}) counts its people, and its people run when the
 * blob moves at a running pace; but a blob's speed alone cannot tell runners from a car, so groups add
 * runners only while at least {@code minSeparateRunners} (2) people are seen running on their own (a
 * crowd running off spreads out; a car stays one rigid blob).
 */
public final class CrowdRunningRule extends AbstractRule {

    public CrowdRunningRule(Map<String, Double> overrides) {
        super(Behaviour.CROWD_RUNNING, Map.of("minRunners", 4.0, "minFraction", 0.5, "runSpeedMps", 3.0,
                "maxRunSpeedMps", 9.0, "maxRunnerWidthMetres", 1.7, "minSeparateRunners", 2.0, "sustainSeconds", 1.0),
                overrides);
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
     * whatever its class: runners who strolled as one merged blob keep the car or truck class that blob
     * was voted. A track voted static object counts only when its measured positions confirm the pace
     * ({@link #measuredRun}): a young runner whose box the frame's top edge cuts to a squat blob is
     * voted an object, while a still artefact's filtered speed is noise that its measurements do not show.
     */
    private boolean runningPace(TrackSnapshot t, RuleContext ctx) {
        return (t.cls() != ObjectClass.STATIC_OBJECT || measuredRun(t, ctx)) && t.speedMps() > p("runSpeedMps")
                && t.speedMps() <= p("maxRunSpeedMps")
                && SizeClassifier.measure(t.box(), ctx.view().mapping())
                        .map(g -> g.widthMetres() <= p("maxRunnerWidthMetres")).orElse(false);
    }

    /**
     * Whether the track's measured ground positions over the last second (at least three observations
     * spanning 0.6 s or more; a box cut at the frame's top still has its true foot) moved faster than
     * {@code runSpeedMps}.
     */
    private boolean measuredRun(TrackSnapshot t, RuleContext ctx) {
        List<org.skypatrol.analytics.track.TrackPoint> w = t.since(ctx.timeSeconds() - 1.0);
        if (w.size() < 3) {
            return false;
        }
        var a = w.get(0);
        var b = w.get(w.size() - 1);
        double dt = b.timeSeconds() - a.timeSeconds();
        return dt >= 0.6 && b.measured().distance(a.measured()) / dt > p("runSpeedMps");
    }

    /** Vehicles on a lane, motorway or intersection zone are traffic, not a crowd. */
    static boolean onRoad(TrackSnapshot t, RuleContext ctx) {
        return ctx.view().zones().stream().anyMatch(z -> (RoadDebrisRule.isRoad(z.kind())
                || z.kind() == ZoneKind.INTERSECTION) && RuleContext.inside(t, z));
    }

    /**
     * A group of people merged into one blob, seen now, off the road: it holds {@link TrackSnapshot#people()}
     * people (at least two), whatever its class (a strolling group is often voted car or truck).
     */
    private static boolean group(TrackSnapshot t, RuleContext ctx) {
        return t.missedSeconds() == 0 && t.people() >= 2 && t.cls() != ObjectClass.STATIC_OBJECT
                && !personNow(t, ctx);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<TrackSnapshot> offRoad = ctx.tracks().stream().filter(t -> !onRoad(t, ctx)).toList();
        List<TrackSnapshot> people = offRoad.stream().filter(t -> personNow(t, ctx) || runningPace(t, ctx)).toList();
        List<TrackSnapshot> groups = offRoad.stream().filter(t -> !people.contains(t) && group(t, ctx)).toList();
        List<TrackSnapshot> running = people.stream().filter(t -> t.speedMps() > p("runSpeedMps")).toList();
        List<TrackSnapshot> runningGroups = running.size() < p("minSeparateRunners") ? List.of()
                : groups.stream().filter(t -> t.speedMps() > p("runSpeedMps") && t.speedMps() <= p("maxRunSpeedMps"))
                        .toList();
        double all = people.size() + groups.stream().mapToDouble(TrackSnapshot::people).sum();
        double runners = running.size() + runningGroups.stream().mapToDouble(TrackSnapshot::people).sum();
        List<RuleHit> hits = new ArrayList<>();
        if (runners >= p("minRunners") && runners >= p("minFraction") * all) {
            List<TrackSnapshot> objects = new ArrayList<>(running);
            objects.addAll(runningGroups);
            var centre = objects.stream().map(TrackSnapshot::ground).reduce((a, b) -> a.plus(b)).orElseThrow()
                    .times(1.0 / objects.size());
            hits.add(new RuleHit("scene", null, objects.stream().map(TrackSnapshot::id).toList(), centre,
                    Math.round(runners) + " of " + Math.round(all) + " people running"));
        }
        return hits;
    }
}
