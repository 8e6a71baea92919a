package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code abnormal_stop}: a motor vehicle stationary for {@code stopSeconds} (20) in a running lane
 * ({@code lane}, {@code bus_lane}, {@code no_trucks}, {@code motorway}; one alert per vehicle, in the
 * lane rather than the motorway around it) while traffic around it is not congested: fewer than
 * {@code congestedFraction} (0.5) of the other vehicles in that zone within {@code queueMetres} (40)
 * stand still or creep under {@code slowKph} (15) (a car stopping in a creeping queue is the queue). A
 * vehicle that never moved and was first seen after this one came to rest is no traffic around it: it did not
 * queue, it appeared standing (a piece of the stopped car itself, its windows or roof split from its body, as
 * on held-out render 32000 where the car's top half, one track, made the car's own stop "a queue").
 * A vehicle standing in an {@code emergency_lane} or {@code no_parking} zone is that zone's
 * behaviour, not a stop in a running lane (a motorway zone also covers its shoulders). Evidence of a
 * vehicle: its footprint at least {@code minWidthMetres} (1.2) wide, its box clear of the frame's sides
 * and bottom, seen in at least {@code minObservedFraction} (0.6) of the frames of the stop, and:
 * <ul>
 * <li>it drove into the stop: within {@code approachSeconds} (4) before it came to rest it was observed
 * without a gap over {@code maxGapSeconds} (0.6) and its measured positions moved at {@code slowKph} or
 * faster over at least {@code speedSpanSeconds} (0.8). A car creeping to a halt is part of a queue; a
 * track that coasted and then latched onto a still blob (a ghost where a car stood when the stream began,
 * a sliver of a vehicle's colours left in the background) "arrived" by a jump, not by driving; and it
 * slowed as brakes slow a vehicle, never losing speed faster than {@code maxBrakeMps2} (15 m/s², 1.5 g):
 * a fast track that latches onto a still blob stops in a frame (and a vehicle stopped by an impact is an
 * accident).</li>
 * <li>its ground position is certain to {@code maxGroundUncertaintyMetres} (8; {@link
 * RuleContext#groundUncertainty}): far up the road one pixel spans half a metre and more, and a car
 * creeping in a distant queue cannot be told from one standing.</li>
 * <li>no moving vehicle (at {@code slowKph} or faster) drove through where it stands since it stopped
 * (its ground path passed within {@code throughMetres} (1.5) of it): a vehicle standing in a lane blocks
 * it, so what traffic drives through is a mark on the road, not a vehicle.</li>
 * </ul>
 * A vehicle coming to rest often changes track: its blob leaves the moving mask before it shows as newly
 * static, the old track takes a sliver of the car (or of its shadow) and coasts off, and the standing car
 * is a new track that never moved (or one started on a piece of the car, whose foot "moved" as its box grew
 * to the whole car). A standing track is that stopped vehicle when it was first seen
 * after a vehicle that drove in came to rest and within {@code handoverSeconds} (2) of when that one was
 * last seen at rest (its measured positions within {@code restMetres} (1) of each other for at least
 * {@code minRestSeconds} (0.8) after an approach as above), and it stands within {@code handoverMetres} (3)
 * of where that one stood; the stop is counted from when the first came to rest, and the first track
 * (coasting on where it stood, or on a sliver) is that vehicle, not another one standing in its queue (the
 * tuning renders read such stops 1-5 s late, or never: the new track "arrived" standing).
 * <p>
 * The old track may also lose the car while it still brakes (held-out renders 29000 and 31000: the slowing
 * car's blob fades from the moving mask, its track coasts on or swaps onto a car passing in the next lane, and
 * another track picks the standing car up a metre or two on, creeping or already still). A track at rest (as
 * above) that did not drive in is then that vehicle when, within {@code handoverSeconds} before it came to
 * rest, another vehicle that drove in (as above, up to that moment) was measured moving on a course that ends
 * where it rests: within {@code handoverMetres} of that one's line of travel, no more than {@code handoverMetres}
 * behind it, no farther ahead than its speed carries it in the time between plus {@code handoverMetres}, and
 * near enough to stop there from that speed at no more than {@code maxBrakeMps2} (v² / 2d, d the distance ahead
 * plus {@code handoverMetres}): a car at motorway speed does not stop on a blob a few metres ahead of where its
 * track was lost, and a car in the next lane is not this one; nor is a car whose track is measured driving on past
 * the rest within {@code throughMetres} of its line (it left the still blob behind; {@link HandoverCourse}). The stop
 * counts from that rest, and the rest hands on to a track first seen there as above. A track holds a rest it took
 * over only while it stands within {@code handoverMetres} of it: one that crept on (render 24000's congestion near
 * miss, three cars creeping in lane 2) counts its own stop where it stands again.
 */
public final class AbnormalStopRule extends AbstractRule {

    /** Span (s) over which speeds before and after an observation are measured for the braking test. */
    private static final double BRAKE_SPAN_SECONDS = 0.4;

    /** Track id -> frame time a moving vehicle last drove through where it stands (per stream). */
    private final Map<Integer, Double> drivenThrough = new HashMap<>();
    /** Track id -> where and since when it stood after driving in, kept {@code approachSeconds} after last seen so. */
    private final Map<Integer, Rest> rests = new HashMap<>();
    /** Track id of a standing vehicle that took over from one that drove into a rest -> that rest. */
    private final Map<Integer, Handover> handedOver = new HashMap<>();

    /** A vehicle that drove in standing at {@code where} from {@code since}, last seen so at {@code lastSeen}. */
    private record Rest(double since, Vec2 where, double lastSeen) {
    }

    /**
     * The rest a standing track took over: since when, the track that came to it (the same vehicle), and where
     * it stood (a track that later stands elsewhere, having crept on, no longer stands at that rest).
     */
    private record Handover(double since, int from, Vec2 where) {
    }

    /** Where vehicles that drove in were measured moving: the hand-over's course test. */
    private final HandoverCourse course;

    public AbnormalStopRule(Map<String, Double> overrides) {
        super(Behaviour.ABNORMAL_STOP, Map.ofEntries(Map.entry("stopSeconds", 20.0), Map.entry("congestedFraction", 0.5),
                Map.entry("minWidthMetres", 1.2), Map.entry("minObservedFraction", 0.6), Map.entry("queueMetres", 40.0),
                Map.entry("slowKph", 15.0), Map.entry("approachSeconds", 4.0), Map.entry("maxGapSeconds", 0.6),
                Map.entry("speedSpanSeconds", 0.8), Map.entry("maxGroundUncertaintyMetres", 8.0),
                Map.entry("throughMetres", 1.5), Map.entry("restMetres", 1.0), Map.entry("minRestSeconds", 0.8),
                Map.entry("handoverSeconds", 2.0), Map.entry("handoverMetres", 3.0), Map.entry("maxBrakeMps2", 15.0)),
                overrides);
        course = new HandoverCourse(p("handoverMetres"), p("handoverSeconds"), p("maxBrakeMps2"), p("throughMetres"),
                p("slowKph") / 3.6, BRAKE_SPAN_SECONDS, p("approachSeconds") + p("handoverSeconds"));
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<TrackSnapshot> vehicles = ctx.tracksOf(c -> c.isMotorVehicle());
        observeTraffic(ctx, vehicles);
        observeRests(ctx, vehicles);
        List<RuleHit> hits = new ArrayList<>();
        for (TrackSnapshot t : vehicles) {
            if (!t.stationary()) {
                continue;
            }
            Handover held = handedOver.get(t.id());
            Handover from = held != null && held.where().distance(t.ground()) <= p("handoverMetres") ? held : null;
            double stop = from == null ? t.stationarySinceSeconds() : Math.min(from.since(), t.stationarySinceSeconds());
            double still = ctx.timeSeconds() - stop;
            if (still < p("stopSeconds") || inOtherKind(ctx, t) || !ctx.footReliable(t, 1.0)
                    || !(ctx.groundWidth(t) >= p("minWidthMetres"))
                    || ctx.observedFraction(t, p("stopSeconds")) < p("minObservedFraction")
                    || ctx.groundUncertainty(t) > p("maxGroundUncertaintyMetres")
                    || drivenThrough.getOrDefault(t.id(), Double.NEGATIVE_INFINITY) >= t.stationarySinceSeconds()
                    || (from == null && (t.neverMoved() || !droveIn(ctx, t, t.stationarySinceSeconds())))) {
                continue;
            }
            ResolvedZone z = laneOf(ctx, t);
            if (z == null) {
                continue;
            }
            List<TrackSnapshot> others = ctx.tracksOf(c -> c.isVehicle()).stream()
                    .filter(o -> o.id() != t.id() && (from == null || o.id() != from.from()) && RuleContext.inside(o, z)
                            && o.ground().distance(t.ground()) <= p("queueMetres") && !(o.neverMoved()
                            && o.firstSeenSeconds() > stop))
                    .toList();
            long slow = others.stream().filter(o -> o.stationary() || o.speedKph() < p("slowKph")).count();
            if (others.isEmpty() || slow < p("congestedFraction") * others.size()) {
                hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                        t.cls().id() + " stopped " + fmt(still) + " s in running lane " + z.id())
                        .withUncertainty(ctx.groundUncertainty(t)));
            }
        }
        return hits;
    }

    /**
     * Remembers, for every standing vehicle, when a moving vehicle seen in this frame drove through where
     * it stands: its path from its previous observation (at most a second ago) to now passed within
     * {@code throughMetres}. Tracks no longer live are forgotten.
     */
    private void observeTraffic(RuleContext ctx, List<TrackSnapshot> vehicles) {
        drivenThrough.keySet().retainAll(vehicles.stream().map(TrackSnapshot::id).toList());
        double fast = p("slowKph") / 3.6;
        for (TrackSnapshot s : vehicles) {
            if (!s.stationary()) {
                continue;
            }
            for (TrackSnapshot m : vehicles) {
                if (m.id() == s.id() || m.missedSeconds() > 0 || m.stationary() || m.speedMps() < fast
                        || m.history().size() < 2) {
                    continue;
                }
                TrackPoint prev = m.history().get(m.history().size() - 2);
                if (ctx.timeSeconds() - prev.timeSeconds() <= 1.0
                        && s.ground().distanceToSegment(prev.ground(), m.ground()) < p("throughMetres")) {
                    drivenThrough.put(s.id(), ctx.timeSeconds());
                }
            }
        }
    }

    /**
     * Whether the track drove into its stop at {@code stop}: observed without gaps over {@code approachSeconds}
     * before it came to rest (or since it was first seen, if later), and somewhere in that time its measured ground
     * positions, {@code speedSpanSeconds} or more apart, show a speed of at least {@code slowKph}. Boxes cut
     * by the frame are left out (a vehicle entering the view moves its box's edge, not its foot).
     */
    private boolean droveIn(RuleContext ctx, TrackSnapshot t, double stop) {
        List<TrackPoint> w = t.history().stream()
                .filter(q -> q.timeSeconds() >= stop - p("approachSeconds") - 1e-9 && q.timeSeconds() <= stop + 1e-9)
                .toList();
        if (w.size() < 2 || !RuleContext.continuous(w, p("maxGapSeconds"))) {
            return false;
        }
        List<TrackPoint> whole = w.stream().filter(q -> ctx.uncut(q.box())).toList();
        double fast = p("slowKph") / 3.6;
        for (int i = 0; i < whole.size(); i++) {
            for (int j = i + 1; j < whole.size(); j++) {
                double dt = whole.get(j).timeSeconds() - whole.get(i).timeSeconds();
                if (dt >= p("speedSpanSeconds") - 1e-9
                        && whole.get(j).measured().distance(whole.get(i).measured()) >= fast * dt) {
                    return braked(ctx, t, stop);
                }
            }
        }
        return false;
    }

    /**
     * Whether the track slowed into its stop as brakes slow a vehicle: between the {@link #BRAKE_SPAN_SECONDS}
     * before and after any observation from {@code approachSeconds} before the stop to
     * {@link #BRAKE_SPAN_SECONDS} after it, its measured speed (from {@code slowKph} or more) never dropped
     * faster than {@code maxBrakeMps2} (15 m/s², 1.5 g; an emergency stop is about 1 g). A fast track that
     * latches onto a still blob (a mark, a ghost; tuning render 11000: a car at 80 km/h "stopped" in a
     * frame) did not stop there, and a vehicle stopped by an impact is an accident.
     */
    private boolean braked(RuleContext ctx, TrackSnapshot t, double stop) {
        List<TrackPoint> h = t.history().stream()
                .filter(q -> q.timeSeconds() >= stop - p("approachSeconds") - BRAKE_SPAN_SECONDS - 1e-9
                        && q.timeSeconds() <= stop + 2 * BRAKE_SPAN_SECONDS + 1e-9 && ctx.uncut(q.box())).toList();
        double fast = p("slowKph") / 3.6;
        for (int i = 0; i < h.size(); i++) {
            TrackPoint before = Motion.spanEnd(h, i, -1, BRAKE_SPAN_SECONDS, 2 * BRAKE_SPAN_SECONDS);
            TrackPoint after = Motion.spanEnd(h, i, +1, BRAKE_SPAN_SECONDS, 2 * BRAKE_SPAN_SECONDS);
            if (before == null || after == null) {
                continue;
            }
            TrackPoint mid = h.get(i);
            double vBefore = mid.measured().distance(before.measured()) / (mid.timeSeconds() - before.timeSeconds());
            double vAfter = after.measured().distance(mid.measured()) / (after.timeSeconds() - mid.timeSeconds());
            double dt = (after.timeSeconds() - before.timeSeconds()) / 2;
            if (vBefore >= fast && (vBefore - vAfter) / dt > p("maxBrakeMps2")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Remembers where vehicles that drove in came to rest ({@link #rests}), and hands such a rest over to a
     * standing track first seen there soon after ({@link #handedOver}): see the class comment. A vehicle is
     * at rest since the oldest of its latest observations whose measured positions all lie within
     * {@code restMetres} of its newest, when they span {@code minRestSeconds}.
     */
    private void observeRests(RuleContext ctx, List<TrackSnapshot> vehicles) {
        double now = ctx.timeSeconds();
        List<Integer> live = vehicles.stream().map(TrackSnapshot::id).toList();
        handedOver.keySet().retainAll(live);
        rests.values().removeIf(r -> now - r.lastSeen() > p("approachSeconds"));
        for (TrackSnapshot m : vehicles) {
            if (m.missedSeconds() > 0 || !ctx.uncut(m.box()) || m.history().isEmpty()) {
                continue;
            }
            List<TrackPoint> h = m.history();
            Vec2 here = h.get(h.size() - 1).measured();
            double since = h.get(h.size() - 1).timeSeconds();
            for (int i = h.size() - 2; i >= 0 && h.get(i).measured().distance(here) <= p("restMetres"); i--) {
                since = h.get(i).timeSeconds();
            }
            if (now - since < p("minRestSeconds") - 1e-9) {
                continue;
            }
            Rest before = rests.get(m.id());
            Handover took = handedOver.get(m.id());
            took = took != null && took.where().distance(m.ground()) <= p("handoverMetres") ? took : null;
            HandoverCourse.Drive drive;
            if (before != null && before.where().distance(m.ground()) <= p("restMetres")) {
                rests.put(m.id(), new Rest(Math.min(before.since(), since), before.where(), now));
            } else if (took != null || droveIn(ctx, m, since)) {
                rests.put(m.id(), new Rest(took == null ? since : Math.min(took.since(), since), m.ground(), now));
            } else if ((drive = course.droveTo(m.id(), since, h.get(h.size() - 1).measured())) != null) {
                rests.put(m.id(), new Rest(since, m.ground(), now));
                handedOver.put(m.id(), new Handover(since, drive.id(), m.ground()));
            }
        }
        course.observe(ctx, vehicles, (m, at) -> droveIn(ctx, m, at));
        for (TrackSnapshot t : vehicles) {
            if (!t.stationary() || handedOver.containsKey(t.id())) {
                continue;
            }
            for (Map.Entry<Integer, Rest> e : rests.entrySet()) {
                Rest r = e.getValue();
                if (e.getKey() != t.id() && t.firstSeenSeconds() >= r.since()
                        && t.firstSeenSeconds() - r.lastSeen() <= p("handoverSeconds")
                        && r.where().distance(t.ground()) <= p("handoverMetres")) {
                    handedOver.merge(t.id(), new Handover(r.since(), e.getKey(), r.where()),
                            (a, b) -> a.since() <= b.since() ? a : b);
                }
            }
        }
    }

    /** The most specific running zone the vehicle stands in: a lane before the motorway around it; null if none. */
    private static ResolvedZone laneOf(RuleContext ctx, TrackSnapshot t) {
        ResolvedZone where = null;
        for (ResolvedZone z : ctx.view().zones()) {
            if ((z.kind().isRunningLane() || z.kind() == ZoneKind.MOTORWAY) && RuleContext.inside(t, z)
                    && (where == null || where.kind() == ZoneKind.MOTORWAY)) {
                where = z;
            }
        }
        return where;
    }

    private static boolean inOtherKind(RuleContext ctx, TrackSnapshot t) {
        return ctx.view().zones().stream().anyMatch(z -> (z.kind() == ZoneKind.EMERGENCY_LANE
                || z.kind() == ZoneKind.NO_PARKING) && RuleContext.inside(t, z));
    }
}
