package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code crowd_running}: at least {@code minRunners} (4) people, and at least {@code minFraction}
 * (0.5) of the people in view, seen running faster than {@code runSpeedMps} (3) — walking is ~1.4 m/s —
 * within the last {@code runWindowSeconds} (2), sustained {@code sustainSeconds} (1). People are judged
 * by their current box too (see {@link #personNow}), and anything off the road moving at a running pace
 * (up to {@code maxRunSpeedMps}, 9) and no wider than a person ({@code maxRunnerWidthMetres}, 1.7, person
 * with shadow) counts as a runner whatever its class. Lanes, motorways, emergency lanes and intersections
 * are road: on the real junction clip (evadb_ua_detrac) cars crossing the intersection at 3-9 m/s were
 * a "crowd running" until both limits were added.
 * <p>
 * Runners are counted over a window, not all at once: a crowd that runs off leaves the picture within a
 * second or two (on the generator's square most runners leave its far edge while still merged in the
 * strollers' blob), so at no single frame are five of them tracked apart. Every track seen running is
 * remembered for {@code runWindowSeconds} unless it is seen again not running; a new runner track where
 * a remembered one no longer seen would be by now (within {@code sameRunnerMetres} 2) replaces it (its
 * id changed).
 * <p>
 * People are counted, not tracks: a group still merged into one blob (seen now, off the road, holding
 * two or more people by {@link TrackSnapshot#people()}) counts its people (the median of its estimates
 * over the last {@code groupRunSeconds}; the most it held while running in the window), and it runs when
 * its measured positions over the last {@code groupRunSeconds} (0.6, at least three observations) moved
 * at a running pace along a straight path: {@code minStraightness} 0.8 of the path is net displacement,
 * no step between observations slower than half the running pace (one allowed in four or more), and its
 * box keeps its area within a factor {@code maxAreaChange} (1.5). The blob of a strolling group jumps
 * about as people join and leave it (two jumps of 1-2 m in a second read as a run) and shrinks or grows
 * at one end, moving its foot point metres with nobody running; runners leave in a straight line, step
 * after step. A blob's motion alone cannot tell runners from a car crossing a square, so at least
 * {@code minSeparateRunners} (2) running tracks (people or groups) must be seen in the window: a crowd
 * running off spreads out into several; a car stays one rigid blob. People in view who do not run are
 * those seen now off the road and not counted as runners.
 * <p>
 * A group that vanished at once ran too ({@link #recordDispersals}): most of a crowd running off leaves
 * the picture while still merged and is never tracked one by one, but its blob is gone within a frame or
 * two, where walkers take seconds and standing people fade piece by piece.
 */
public final class CrowdRunningRule extends AbstractRule {

    /** A track seen running: when, where, how fast, and how many people it held. */
    private record Runner(int id, double timeSeconds, Vec2 ground, Vec2 velocity, double people) {
        Vec2 at(double t) {
            return ground.plus(velocity.times(t - timeSeconds));
        }
    }

    /** Runners seen within the last {@code runWindowSeconds}, by track id. */
    private final Map<Integer, Runner> recent = new LinkedHashMap<>();
    /** Groups that broke up at a run within the last {@code runWindowSeconds}, by the group's track id. */
    private final Map<Integer, Runner> dispersed = new LinkedHashMap<>();

    public CrowdRunningRule(Map<String, Double> overrides) {
        super(Behaviour.CROWD_RUNNING, Map.ofEntries(Map.entry("minRunners", 4.0), Map.entry("minFraction", 0.5),
                Map.entry("runSpeedMps", 3.0), Map.entry("maxRunSpeedMps", 9.0), Map.entry("maxRunnerWidthMetres", 1.7),
                Map.entry("minSeparateRunners", 2.0), Map.entry("sustainSeconds", 1.0),
                Map.entry("runWindowSeconds", 2.0), Map.entry("groupRunSeconds", 0.6),
                Map.entry("minStraightness", 0.8), Map.entry("maxAreaChange", 1.5), Map.entry("sameRunnerMetres", 2.0),
                Map.entry("dispersalSeconds", 0.6)), overrides);
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
        List<TrackPoint> w = t.since(ctx.timeSeconds() - 1.0);
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

    /**
     * The people of a group blob that ran over the last {@code groupRunSeconds}, else 0: at least three
     * observations spanning two thirds of that time (a group splitting up as it runs off is a group for
     * half a second), measured positions moving at a running pace (above
     * {@code runSpeedMps}, at most {@code maxRunSpeedMps}) on a path whose net displacement is at least
     * {@code minStraightness} of its length, every step at least half that pace (all but one of four or more), its box's area
     * within a factor {@code maxAreaChange} (1.5) throughout, the filtered speed running too; the people are the median of
     * the estimates over those observations (a runner's box cut by the frame's edge reads fewer).
     */
    private double groupRunners(TrackSnapshot t, RuleContext ctx) {
        double span = p("groupRunSeconds");
        List<TrackPoint> w = t.since(ctx.timeSeconds() - span - 1e-9);
        if (w.size() < 3 || t.speedMps() <= p("runSpeedMps")) {
            return 0;
        }
        TrackPoint a = w.get(0);
        TrackPoint b = w.get(w.size() - 1);
        double dt = b.timeSeconds() - a.timeSeconds();
        double path = 0;
        int slowSteps = 0;
        for (int i = 1; i < w.size(); i++) {
            double step = w.get(i).measured().distance(w.get(i - 1).measured());
            path += step;
            if (step < 0.5 * p("runSpeedMps") * (w.get(i).timeSeconds() - w.get(i - 1).timeSeconds())) {
                slowSteps++;
            }
        }
        double net = b.measured().distance(a.measured());
        double minArea = w.stream().mapToDouble(o -> o.box().area()).min().orElse(0);
        double maxArea = w.stream().mapToDouble(o -> o.box().area()).max().orElse(0);
        if (maxArea > p("maxAreaChange") * minArea || dt < 2 * span / 3 - 1e-9 || net / dt <= p("runSpeedMps") || net / dt > p("maxRunSpeedMps")
                || net < p("minStraightness") * path || slowSteps > (w.size() > 4 ? 1 : 0)) {
            return 0;
        }
        double median = Motion.median(w, TrackPoint::people, t.people());
        return median >= 2 ? median : 0;
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        double now = ctx.timeSeconds();
        // older than the window, or from before a restart of the stream (frame time went back)
        recent.values().removeIf(r -> r.timeSeconds() < now - p("runWindowSeconds") - 1e-9 || r.timeSeconds() > now);
        dispersed.values().removeIf(r -> r.timeSeconds() < now - p("runWindowSeconds") - 1e-9 || r.timeSeconds() > now);
        List<TrackSnapshot> seen = ctx.tracks().stream().filter(t -> t.missedSeconds() == 0 && !onRoad(t, ctx)).toList();
        Set<Integer> seenIds = new HashSet<>();
        seen.forEach(t -> seenIds.add(t.id()));
        for (TrackSnapshot t : seen) {
            boolean person = personNow(t, ctx) || runningPace(t, ctx);
            double people = person ? (t.speedMps() > p("runSpeedMps") ? 1 : 0)
                    : group(t, ctx) ? groupRunners(t, ctx) : 0;
            if (people > 0) {
                remember(new Runner(t.id(), now, t.ground(), t.velocity(), people), seenIds);
            } else if (t.speedMps() <= p("runSpeedMps")) {
                recent.remove(t.id());                  // seen again not running: walking, not a runner gone
            }                                           // still running, uncounted now (a group's blob outgrew people shapes): remembered
        }
        double walking = 0;                             // people in view not counted as runners
        for (TrackSnapshot t : seen) {
            if (!recent.containsKey(t.id())) {
                walking += standing(t, ctx);
            }
        }
        recordDispersals(ctx, seen);
        double runners = recent.values().stream().mapToDouble(Runner::people).sum()
                + dispersed.values().stream().mapToDouble(Runner::people).sum();
        List<RuleHit> hits = new ArrayList<>();
        if (runners >= p("minRunners") && recent.size() >= p("minSeparateRunners")
                && runners >= p("minFraction") * (runners + walking)) {
            var centre = recent.values().stream().map(r -> r.at(now)).reduce(Vec2::plus).orElseThrow()
                    .times(1.0 / recent.size());
            List<Integer> ids = new ArrayList<>(recent.keySet());
            dispersed.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
            hits.add(new RuleHit("scene", null, List.copyOf(ids), centre,
                    Math.round(runners) + " people ran in the last " + fmt(p("runWindowSeconds")) + " s, "
                            + Math.round(walking) + " in view did not"));
        }
        return hits;
    }

    /** People a track seen now off the road stands for when it is not running: one person, a group's estimate, or none. */
    private double standing(TrackSnapshot t, RuleContext ctx) {
        return personNow(t, ctx) || runningPace(t, ctx) ? 1 : group(t, ctx) ? t.people() : 0;
    }

    /**
     * Records the groups that vanished at once: a group blob (off the road, not an object) that held
     * {@code held} >= 2 people over the second before the last {@code dispersalSeconds} (0.6; the median
     * of at least three observations) while it did not run (its measured positions moved slower than
     * {@code runSpeedMps}), is not seen now, and no track seen now that is not running overlaps its last
     * box. People walking at 1-1.5 m/s cover under a metre in that time and cannot empty a group's blob,
     * standing people fade into the background over seconds, piece by piece, and a group whose blob was
     * taken over by another track is still there (that track overlaps it); a crowd that runs off empties
     * it at once, and most runners leave the picture while still merged (the frame's edge cuts them, or
     * their blobs stay joined), never tracked one by one. The people who left count as runners for
     * {@code runWindowSeconds}, and only while people are seen running (the caller's conditions).
     */
    private void recordDispersals(RuleContext ctx, List<TrackSnapshot> seen) {
        double now = ctx.timeSeconds();
        double span = p("dispersalSeconds");
        for (TrackSnapshot g : ctx.tracks()) {
            if (g.missedSeconds() == 0 || dispersed.containsKey(g.id()) || recent.containsKey(g.id())
                    || g.cls() == ObjectClass.STATIC_OBJECT || onRoad(g, ctx)) {
                continue;
            }
            List<TrackPoint> before = g.history().stream()
                    .filter(q -> q.timeSeconds() >= now - span - 1 - 1e-9 && q.timeSeconds() < now - span + 1e-9)
                    .toList();
            if (before.size() < 3) {
                continue;
            }
            double held = Motion.median(before, TrackPoint::people, 0);
            TrackPoint first = before.get(0);
            TrackPoint last = before.get(before.size() - 1);
            double dt = last.timeSeconds() - first.timeSeconds();
            if (!(held >= 2) || dt <= 0 || last.measured().distance(first.measured()) / dt > p("runSpeedMps")) {
                continue;                               // no group, or itself running (a runner, counted as one)
            }
            var area = last.box();
            boolean taken = seen.stream().anyMatch(o -> !recent.containsKey(o.id()) && o.box().coveredBy(area) > 0);
            if (!taken) {
                dispersed.put(g.id(), new Runner(g.id(), now, last.ground(), new Vec2(0, 0), held));
            }
        }
    }

    /**
     * Records a runner seen now. A track not remembered yet that starts where a remembered runner no
     * longer seen would be by now (within {@code sameRunnerMetres}) is that runner under a new id (a
     * track lost and started again), not one more; a group is not replaced by fewer people.
     */
    private void remember(Runner r, Set<Integer> seenIds) {
        if (!recent.containsKey(r.id())) {
            Integer same = null;
            double best = p("sameRunnerMetres");
            for (Runner o : recent.values()) {
                double d = o.at(r.timeSeconds()).distance(r.ground());
                if (!seenIds.contains(o.id()) && o.people() <= r.people() && d <= best) {
                    same = o.id();
                    best = d;
                }
            }
            if (same != null) {
                recent.remove(same);
            }
        }
        Runner before = recent.get(r.id());
        // a group that splits as it runs keeps the people it held: those split off leave the picture
        recent.put(r.id(), before == null || before.people() <= r.people() ? r
                : new Runner(r.id(), r.timeSeconds(), r.ground(), r.velocity(), before.people()));
    }
}
