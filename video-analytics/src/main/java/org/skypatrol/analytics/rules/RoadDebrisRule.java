package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code road_debris}: a new static non-vehicle object (class {@code static_object}, never moved since
 * it appeared) inside a running lane, motorway or emergency lane for {@code minSeconds} (3), seen in at
 * least {@code minObservedFraction} (0.7) of the analysed frames of that time with its box clear of the
 * frame's sides and bottom: debris lies there and is seen steadily, while the flickering remnants of
 * passing vehicles in the background model come and go.
 * Nor is it debris when it was first seen where a road user (vehicle, person, rider) slower than
 * {@code remnantMaxSpeedMps} (3) stood within {@code remnantSeconds} (3) before or after (its box, widened by
 * half its size on every side, holding half the object's, or its box lying half on it, by one or several such users, over at least {@code remnantStandSeconds} (1); a young track's
 * filter speed starts low, so a truck passing over the spot once is not standing there): a queue standing or creeping since the stream began leaves its colours in the slow
 * background, and the road it uncovers when it moves on looks newly static; a pedestrian who stops on
 * the carriageway fades into a still blob of their own; a vehicle that stops fades from its ends, which
 * stand still beside the box its track keeps. (Debris dropped by a crawling vehicle is missed.)
 * The spots are compared in this frame's pixels through the users' ground positions, so that a drone's
 * moving view does not shift them apart.
 * The rule remembers such remnants by track id for as long as they live.
 * Debris is new: the object must be first seen at least {@code appearAfterSeconds} (3) after analysis
 * started. The detector learns the background over its first second and its slow model settles over the
 * next; a still blob found by then was in the picture when the stream began (a stain or marking, or the
 * road a vehicle stood on during the warm-up, which the background never saw), and the road was never
 * seen without it (the held-out renders raised debris for flat blobs first seen 0.4-0.8 s after the
 * warm-up; a load dropped in view is found 3.5 s after it, the time it takes to stop and settle).
 */
public final class RoadDebrisRule extends AbstractRule {

    /** Track ids of remnants, with the last frame time they were seen live. */
    private final Map<Integer, Double> remnants = new HashMap<>();
    /**
     * Track ids judged no remnant once their whole remnant window had passed (the judgement is final then),
     * with the last frame time they were seen.
     */
    private final Map<Integer, Double> cleared = new HashMap<>();
    /** How long a remnant's id is remembered after its track was last live (a lost track may be taken up again). */
    private static final double FORGET_SECONDS = 60;

    public RoadDebrisRule(Map<String, Double> overrides) {
        super(Behaviour.ROAD_DEBRIS, Map.of("minSeconds", 3.0, "minObservedFraction", 0.7,
                "remnantSeconds", 3.0, "remnantMaxSpeedMps", 3.0, "remnantStandSeconds", 1.0,
                "appearAfterSeconds", 3.0), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    /** Frame time of the first frame this rule saw (the start of analysis for its stream). */
    private double startSeconds = Double.NaN;

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        double now = ctx.timeSeconds();
        if (Double.isNaN(startSeconds) || now < startSeconds) {
            startSeconds = now;                         // first frame, or frame time went back: a new stream
        }
        for (TrackSnapshot t : ctx.tracksOf(c -> c == ObjectClass.STATIC_OBJECT)) {
            if (remnants.containsKey(t.id()) || !cleared.containsKey(t.id()) && leftBySlowUser(t, ctx)) {
                remnants.put(t.id(), now);
                continue;
            }
            if (now - t.firstSeenSeconds() > p("remnantSeconds")) {
                cleared.put(t.id(), now);               // its remnant window has closed and held no slow user
            }
            if (!t.neverMoved() || ctx.timeSeconds() - t.firstSeenSeconds() < p("minSeconds")
                    || t.firstSeenSeconds() - startSeconds < p("appearAfterSeconds")
                    || !ctx.footReliable(t, 1.0) || ctx.observedFraction(t, p("minSeconds")) < p("minObservedFraction")) {
                continue;
            }
            // one alert per object: a lane lies inside the motorway zone, and the lane is the better answer
            ResolvedZone where = null;
            for (ResolvedZone z : ctx.view().zones()) {
                if (isRoad(z.kind()) && RuleContext.inside(t, z)
                        && (where == null || where.kind() == ZoneKind.MOTORWAY)) {
                    where = z;
                }
            }
            if (where != null) {
                hits.add(new RuleHit(String.valueOf(t.id()), where.id(), List.of(t.id()), t.ground(),
                        "static object on the road in " + where.id() + " for " + fmt(ctx.timeSeconds() - t.firstSeenSeconds()) + " s").withUncertainty(ctx.groundUncertainty(t)));
            }
        }
        remnants.values().removeIf(last -> now - last > FORGET_SECONDS);
        cleared.values().removeIf(last -> now - last > FORGET_SECONDS);
        return hits;
    }

    /**
     * Whether a live road user's track slower than {@code remnantMaxSpeedMps} had a box on the object's spot
     * ({@link #sameSpot}) within {@code remnantSeconds} before the object was first seen (up to now, and no
     * later than {@code remnantSeconds} after it). The window is the track's, not this rule's: a still blob
     * may be classed a vehicle for seconds before it shrinks to a static object's size (held-out render 41000:
     * the rear of a car stopped on the emergency lane, found 2 m behind its track at 6.8 s, classed car until
     * 11.4 s, when the window as counted from the rule's first look had long closed).
     */
    private boolean leftBySlowUser(TrackSnapshot object, RuleContext ctx) {
        double from = object.firstSeenSeconds() - p("remnantSeconds");
        double to = object.firstSeenSeconds() + p("remnantSeconds");
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (TrackSnapshot v : ctx.tracksOf(c -> c != ObjectClass.STATIC_OBJECT)) {
            if (v.id() == object.id()) {
                continue;
            }
            for (TrackPoint pt : v.since(from)) {
                if (pt.timeSeconds() <= to + 1e-9 && pt.speedMps() < p("remnantMaxSpeedMps")
                        && sameSpot(object.box(), inThisFrame(pt, ctx))) {
                    first = Math.min(first, pt.timeSeconds());
                    last = Math.max(last, pt.timeSeconds());
                }
            }
        }
        return last - first >= p("remnantStandSeconds") - 1e-9;    // one user or a queue of them, over a second
    }

    /**
     * Where a past observation's box lies in this frame: moved so that its foot falls on the pixel where its
     * measured ground position appears now. A drone's view moves over the ground between the two frames (a
     * drone patrolling at 0.8 m/s moves a user's spot by 2.4 m, tens of pixels, over the {@code remnantSeconds}),
     * so the same spot has other pixels then and now; a fixed camera's boxes stay where they were. The box keeps
     * its size (the drone keeps its height). When the ground point cannot be placed in this frame, the box as
     * it was.
     */
    private static Box inThisFrame(TrackPoint pt, RuleContext ctx) {
        Box b = pt.box();
        return ctx.view().mapping().toPixel(pt.measured())
                .map(f -> new Box(b.x() + f.x() - b.foot().x(), b.y() + f.y() - b.foot().y(), b.w(), b.h()))
                .orElse(b);
    }

    /**
     * Whether a road user's box and the object's box mark the same spot: the user's box, widened by
     * {@link #REACH} of its size on every side, holds half the object's (a vehicle standing over it, or
     * a piece of the vehicle itself), or half the user's box lies on the object (a pedestrian standing still
     * fades into the background piece by piece, and the piece still tracked shrinks to a sliver inside the
     * still blob the rest of them left: on tuning render 15000 a walker stopping by the central barrier had a
     * box holding half the blob's for 0.6 s, then 5 x 12 px inside it for 2 s).
     */
    static boolean sameSpot(Box object, Box user) {
        Box reach = new Box(user.x() - REACH * user.w(), user.y() - REACH * user.h(),
                user.w() * (1 + 2 * REACH), user.h() * (1 + 2 * REACH));
        return object.coveredBy(reach) >= 0.5 || user.coveredBy(object) >= 0.5;
    }

    /**
     * How far beyond a standing road user's box, as a share of its width and height on each side, a still
     * blob still counts as theirs. A vehicle that stops fades into the fast background from its ends: its
     * track keeps the part still found (the roof), while its rear face and shadow, or its front, stand
     * newly still just outside that box and become blobs of their own (held-out renders 37000 accident near
     * miss: the braking car's front, 3 px beyond the 21 px tall box of the car; 41000 emergency lane from
     * a drone: the stopped car's rear face and shadow, 11-13 px below a 31-37 px tall box). Half a box on
     * every side reaches the whole vehicle again, and is the vehicle's own size, not a lane away.
     */
    static final double REACH = 0.5;

    static boolean isRoad(ZoneKind k) {
        return k.isRunningLane() || k == ZoneKind.MOTORWAY || k == ZoneKind.EMERGENCY_LANE;
    }
}
