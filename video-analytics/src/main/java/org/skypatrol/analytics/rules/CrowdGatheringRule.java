package org.skypatrol.analytics.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code crowd_gathering}: at least {@code minPeople} (10) people within {@code radiusMetres} (8) of
 * one of them, or inside one {@code watch}/{@code restricted}/{@code intersection} zone, sustained
 * {@code sustainSeconds} (5). One alert per zone, and one scene-wide alert for radius clusters.
 * People are counted, not tracks: a group standing or walking together is one merged blob to the
 * classical detector, whatever the size vote called its track, so every track seen in this frame
 * (missed <= {@code maxMissedSeconds} 0) off the road counts the people its blob holds
 * ({@link TrackSnapshot#people()}, from its foreground area); on lanes, motorways, emergency lanes and
 * intersections, where a car's blob has a person's height too, only person tracks count.
 * Gathered means standing or milling about: a lone person faster than {@code maxSpeedMps} (1, walking is
 * ~1.4) is passing by, and a group's blob of which more than {@code maxChangingFraction} (0.6) changed
 * per frame (the median over the last {@code changingWindowSeconds} 1) is still walking in or strolling (a merged blob's track speed says nothing: its foot
 * point moves as people join and leave it; at 5 fps people walking in change 0.7-1 of it, people
 * milling about in place mostly 0.2-0.45 but up to ~0.6 in single frames, a group strolling at
 * 1-1.3 m/s 0.45-0.65: strollers are not told from milling people reliably, see docs/analytics.md).
 * A big group, holding {@code bigGroupPeople} (6) or more, is judged against {@code maxBigGroupChangingFraction}
 * (0.5) over the last {@code bigGroupChangingWindowSeconds} (2): in a big merged blob people overlap, so
 * walking changes less of it than of a lone walker or a small group (ten strollers 0.5-0.8, median
 * 0.6-0.75 on the tuning renders), while people standing or milling about change 0.2-0.45 of it
 * whatever its size (median 0.35-0.45); a small group of two to five, whose blob is mostly edges, keeps
 * the looser limit (people standing in small groups seen from a drone change 0.4-0.7 of their blobs).
 * A group blob that changes less than {@code minChangingFraction} 0.08 is rigid: a parked car, whose
 * area would otherwise read as a dozen people (from above 1.8 x 4.5 m over 0.5 m^2 a person).
 * A frame's count is mostly low: people standing still fade into the background model piece by piece,
 * a group's blob breaks into pieces that count one person each or none (a piece that measures as an
 * object), and a piece jittering faster than {@code maxSpeedMps} counts as passing by. So the count of a
 * zone or of the radius cluster is the best of its counts over the last {@code countWindowSeconds} (1):
 * on the generator's plaza twelve people then stay at ten or more for 9-17 s on end, eight people for at
 * most 2 s (frame by frame twelve people dropped below ten every second or two), and dropouts up to
 * {@code sustainGapSeconds} 1 are tolerated while sustaining.
 * A standing group's count holds while it stays where it stood: people standing still fade from the
 * detector's moving foreground, so a group's estimate falls although nobody left (on the tuning renders
 * twelve people read 10-12 as they gather, then 7-9 within seconds, the box unchanged). So a group track
 * ({@link TrackSnapshot#people()} 2 or more) counts at least the highest of its typical counts (the median of
 * its counts over the last {@code holdWindowSeconds} 1: a passer-by merging for a frame is not held) since its
 * box last moved by more than {@code holdMaxShift} (0.1) of its size or shrank below
 * {@code holdMinArea} (0.8) of its area, and only while it is seen and counted in every frame (walking off,
 * strolling, or lost ends the hold). People leaving a group shrink or move its box.
 * Not while the detector warms up: nothing is counted in the first {@code warmUpSeconds} (3) of a stream. The
 * detector learns the background over its first second and its slow model settles over the next; people in
 * view when the stream began leave ghosts in it where they stood, which merge with them into one blob that
 * reads twice their number and changes little (on tuning render 22000 ten strollers present from the start read
 * 16-20 people changing 0.47 of their blob for the first 5 s, then 0.55 as the model settled: a gathering).
 * A crowd there from the start is reported that much later.
 * Only where people can be placed: a track whose ground position is uncertain by more than
 * {@code maxGroundUncertaintyMetres} (8, the radius; {@link RuleContext#groundUncertainty}) counts
 * nobody. Far up a road one pixel spans metres, and a distant truck's blob of 13 x 8 px read as
 * sixteen people on the real motorway clip {@code bgslibrary_video02.avi}.
 */
public final class CrowdGatheringRule extends AbstractRule {

    public CrowdGatheringRule(Map<String, Double> overrides) {
        super(Behaviour.CROWD_GATHERING, Map.ofEntries(Map.entry("minPeople", 10.0),
                Map.entry("radiusMetres", 8.0), Map.entry("sustainSeconds", 5.0), Map.entry("endAfterSeconds", 4.0),
                Map.entry("maxMissedSeconds", 0.0), Map.entry("maxSpeedMps", 1.0), Map.entry("maxChangingFraction", 0.6),
                Map.entry("minChangingFraction", 0.08), Map.entry("sustainGapSeconds", 1.0),
                Map.entry("countWindowSeconds", 1.0), Map.entry("changingWindowSeconds", 1.0),
                Map.entry("maxGroundUncertaintyMetres", 8.0), Map.entry("bigGroupPeople", 6.0),
                Map.entry("maxBigGroupChangingFraction", 0.5), Map.entry("bigGroupChangingWindowSeconds", 2.0),
                Map.entry("warmUpSeconds", 3.0), Map.entry("holdWindowSeconds", 1.0), Map.entry("holdMaxShift", 0.1),
                Map.entry("holdMinArea", 0.8)), overrides);
    }

    /** Frame time of the first frame this rule saw (the start of analysis for its stream). */
    private double startSeconds = Double.NaN;

    /** A zone's or the radius cluster's count at one frame, with the hit it would raise. */
    private record Counted(double timeSeconds, double count, RuleHit hit) {
    }

    /** Recent counts per key (zone id, or "radius"), oldest first, over the last {@code countWindowSeconds}. */
    private final Map<String, Deque<Counted>> recent = new HashMap<>();

    /** A group track's held count and its box when that count was reached (pixels). */
    private record Held(double people, Box box) {
    }

    /** Per group track: its recent counts {time, count}, oldest first, over the last {@code holdWindowSeconds}. */
    private final Map<Integer, Deque<double[]>> trackCounts = new HashMap<>();
    /** Per group track standing where it stood: the count it holds. */
    private final Map<Integer, Held> held = new HashMap<>();

    /** People a track stands for now: its estimate off the road, one per person track on it, else none. */
    private double people(TrackSnapshot t, RuleContext ctx) {
        if (t.missedSeconds() > p("maxMissedSeconds") || ctx.groundUncertainty(t) > p("maxGroundUncertaintyMetres")) {
            return 0;                                   // not seen now, or too far away to place among others
        }
        boolean big = t.people() >= p("bigGroupPeople");
        double changing = recentChanging(t, ctx, p(big ? "bigGroupChangingWindowSeconds" : "changingWindowSeconds"));
        double maxChanging = p(big ? "maxBigGroupChangingFraction" : "maxChangingFraction");
        if (t.people() < 2 ? t.speedMps() > p("maxSpeedMps") : changing > maxChanging) {
            return 0;                                   // people walking past (or still arriving) are not gathered
        }
        if (t.people() >= 2 && changing < p("minChangingFraction")) {
            return 0;                                   // rigid: a parked car, not people (they always sway, 0.2+)
        }
        boolean person = t.cls() == ObjectClass.PERSON;
        if (CrowdRunningRule.onRoad(t, ctx)) {
            return person ? 1 : 0;
        }
        return person ? Math.max(1, t.people()) : t.people();
    }

    /**
     * The count of group track {@code t} with its hold: {@code n} (its count in this frame, 0 when it does not
     * count), or the highest typical count it reached since its box last moved or shrank if that is more.
     */
    private double withHold(TrackSnapshot t, double n, double now) {
        Deque<double[]> d = trackCounts.computeIfAbsent(t.id(), k -> new ArrayDeque<>());
        d.addLast(new double[] {now, n});
        d.removeIf(c -> c[0] < now - p("holdWindowSeconds") - 1e-9);
        if (n <= 0 || t.people() < 2) {
            held.remove(t.id());
            return n;
        }
        double[] counts = d.stream().mapToDouble(c -> c[1]).sorted().toArray();
        double typical = counts[(counts.length - 1) / 2];   // the lower median: one high frame is not typical
        Held h = held.get(t.id());
        if (h == null || typical >= h.people() || !standsPut(t.box(), h.box())) {
            h = new Held(typical, t.box());
            held.put(t.id(), h);
        }
        return Math.max(n, h.people());
    }

    /**
     * Whether a group's box {@code now} is where it was ({@code then}): its foot moved by at most
     * {@code holdMaxShift} of the box's width across and of its height up or down, and it kept at least
     * {@code holdMinArea} of its area.
     */
    private boolean standsPut(Box now, Box then) {
        double shift = p("holdMaxShift");
        return Math.abs(now.foot().x() - then.foot().x()) <= shift * then.w()
                && Math.abs(now.foot().y() - then.foot().y()) <= shift * then.h()
                && now.area() >= p("holdMinArea") * then.area();
    }

    /**
     * Median share of the track's blob that changed per frame over the last {@code window} seconds
     * ({@code changingWindowSeconds} 1, or 2 for a big group; the latest frame's share when none was recorded): frame by frame a group of strollers changes
     * 0.6-1 with single frames lower, people milling about 0.2-0.45 with single frames up to 0.6; the best
     * count of a second must not pick a strolling group's one quiet frame.
     */
    private double recentChanging(TrackSnapshot t, RuleContext ctx, double window) {
        return Motion.median(t.since(ctx.timeSeconds() - window - 1e-9), TrackPoint::changing,
                t.changing());
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        if (Double.isNaN(startSeconds) || ctx.timeSeconds() < startSeconds) {
            startSeconds = ctx.timeSeconds();           // first frame, or frame time went back: a new stream
            trackCounts.clear();
            held.clear();
        }
        if (ctx.timeSeconds() - startSeconds < p("warmUpSeconds")) {
            return List.of();                           // the background model is not learned yet
        }
        List<Counted> now = new ArrayList<>();
        Map<Integer, Double> counts = new HashMap<>();
        List<TrackSnapshot> people = new ArrayList<>();
        Set<Integer> present = new HashSet<>();
        for (TrackSnapshot t : ctx.tracks()) {
            present.add(t.id());
        }
        trackCounts.keySet().retainAll(present);
        held.keySet().retainAll(present);
        for (TrackSnapshot t : ctx.tracks()) {
            double n = withHold(t, people(t, ctx), ctx.timeSeconds());
            if (n > 0) {
                counts.put(t.id(), n);
                people.add(t);
            }
        }
        for (ResolvedZone z : ctx.view().zones()) {
            if (z.kind() != ZoneKind.WATCH && z.kind() != ZoneKind.RESTRICTED && z.kind() != ZoneKind.INTERSECTION) {
                continue;
            }
            List<TrackSnapshot> in = people.stream().filter(t -> RuleContext.inside(t, z)).toList();
            double n = sum(in, counts);
            if (n > 0) {
                now.add(new Counted(ctx.timeSeconds(), n, new RuleHit(z.id(), z.id(), in.stream().map(TrackSnapshot::id)
                        .toList(), z.ground().centroid(), Math.round(n) + " people gathered in " + z.id())));
            }
        }
        List<TrackSnapshot> best = List.of();
        double bestCount = 0;
        for (TrackSnapshot c : people) {
            List<TrackSnapshot> near = people.stream()
                    .filter(o -> o.ground().distance(c.ground()) <= p("radiusMetres")).toList();
            double n = sum(near, counts);
            if (n > bestCount) {
                best = near;
                bestCount = n;
            }
        }
        if (bestCount > 0) {
            var centre = best.stream().map(TrackSnapshot::ground).reduce((a, b) -> a.plus(b)).orElseThrow()
                    .times(1.0 / best.size());
            now.add(new Counted(ctx.timeSeconds(), bestCount, new RuleHit("radius", null,
                    best.stream().map(TrackSnapshot::id).toList(), centre,
                    Math.round(bestCount) + " people within " + fmt(p("radiusMetres")) + " m")));
        }
        return bestOfWindow(now, ctx.timeSeconds());
    }

    /**
     * Adds this frame's counts to the recent ones and returns, per key, the hit of the best count over
     * the last {@code countWindowSeconds} if it reaches {@code minPeople}.
     */
    private List<RuleHit> bestOfWindow(List<Counted> now, double t) {
        for (Counted c : now) {
            recent.computeIfAbsent(c.hit().key(), k -> new ArrayDeque<>()).addLast(c);
        }
        List<RuleHit> hits = new ArrayList<>();
        for (var it = recent.values().iterator(); it.hasNext();) {
            Deque<Counted> d = it.next();
            // older than the window, or from before a restart of the stream (frame time went back)
            d.removeIf(c -> c.timeSeconds() < t - p("countWindowSeconds") - 1e-9 || c.timeSeconds() > t);
            if (d.isEmpty()) {
                it.remove();
                continue;
            }
            Counted best = d.stream().max(java.util.Comparator.comparingDouble(Counted::count)).orElseThrow();
            if (best.count() >= p("minPeople")) {
                hits.add(best.hit());
            }
        }
        return hits;
    }

    private static double sum(List<TrackSnapshot> tracks, Map<Integer, Double> counts) {
        return tracks.stream().mapToDouble(t -> counts.get(t.id())).sum();
    }
}
