package org.skypatrol.analytics.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code traffic_accident}: a vehicle that stopped by an impact, in contact with another vehicle.
 * <ul>
 * <li>The impact: its measured ground positions show it losing speed faster than any brakes can, at least
 * {@code impactDecelMps2} (15 m/s², 1.5 g; an emergency stop is about 1 g) between the
 * {@code impactSpanSeconds} (0.4) before and after one observation, from {@code minPriorSpeedMps} (5) or
 * more, within {@code decelWindowSeconds} (3) of coming to rest (boxes cut by the frame left out), its box
 * keeping at least {@code minAreaKept} (0.5) of its area through it and a whole vehicle's height
 * ({@code minUprightMetres} 1.0), after driving at {@code minPriorSpeedMps} for {@code minPriorSeconds} (0.6)
 * in the direction of the impact, one vehicle wide ({@code maxWidthMetres} 3.5), and resting within
 * {@code maxSlideMetres} (2) of where it was just after it. A car
 * braking hard to stop short of the one ahead (the near miss) decelerates at about 1 g to the end; a car
 * running into it goes from several metres a second to standstill in a frame or two.</li>
 * <li>Then stationary for {@code stoppedSeconds} (3), footprint at least {@code minWidthMetres} (1.2) wide,
 * seen in at least {@code minObservedFraction} (0.6) of the frames of the stop, arrived moving.</li>
 * <li>The other vehicle: their boxes, each grown by {@code contactGrowFraction} (0.2) of its size (the
 * contact edge is hidden behind the nearer vehicle), overlap, or their ground points are within
 * {@code contactMetres} (3). It is either a stationary vehicle seen now, or a vehicle (that arrived moving)
 * whose track was last seen within {@code decelWindowSeconds} before the impact to {@code mergeGraceSeconds}
 * (1) after it, up to {@code maxAheadMetres} (10) ahead of it and within {@code maxLateralMetres} (2) of its
 * line of travel: in a rear-end collision the two cars become one blob, taken by the car behind, and the
 * track of the car in front is lost (the rule keeps its own record of where vehicles were seen).</li>
 * </ul>
 * Cooldown 120 s.
 */
public final class TrafficAccidentRule extends AbstractRule {

    /** One observation of a vehicle: its box and ground point, when, and whether it had moved by then. */
    private record Sighting(int id, Box box, Vec2 ground, double timeSeconds, boolean moved) {
    }

    /** Every vehicle observation of the last seconds (per stream; pruned): tracks lost in a merge live on here. */
    private final Deque<Sighting> sightings = new ArrayDeque<>();

    public TrafficAccidentRule(Map<String, Double> overrides) {
        super(Behaviour.TRAFFIC_ACCIDENT, Map.ofEntries(Map.entry("contactMetres", 3.0), Map.entry("stoppedSeconds", 3.0),
                Map.entry("minPriorSpeedMps", 5.0), Map.entry("decelWindowSeconds", 3.0),
                Map.entry("cooldownSeconds", 120.0), Map.entry("minWidthMetres", 1.2),
                Map.entry("minObservedFraction", 0.6), Map.entry("contactGrowFraction", 0.2),
                Map.entry("impactDecelMps2", 15.0), Map.entry("impactSpanSeconds", 0.4),
                Map.entry("mergeGraceSeconds", 1.0), Map.entry("maxAheadMetres", 10.0),
                Map.entry("maxLateralMetres", 2.0), Map.entry("minPriorSeconds", 0.6), Map.entry("minAreaKept", 0.5),
                Map.entry("minUprightMetres", 1.0), Map.entry("maxSlideMetres", 2.0), Map.entry("maxWidthMetres", 3.5)),
                overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<TrackSnapshot> vehicles = ctx.tracksOf(c -> c.isVehicle());
        remember(ctx, vehicles);
        List<TrackSnapshot> v = vehicles.stream()
                .filter(t -> t.stationarySeconds(ctx.timeSeconds()) >= p("stoppedSeconds") && !t.neverMoved()
                        && ctx.groundWidth(t) >= p("minWidthMetres")
                        && ctx.observedFraction(t, p("stoppedSeconds")) >= p("minObservedFraction")).toList();
        List<RuleHit> hits = new ArrayList<>();
        for (TrackSnapshot a : v) {
            double impact = impactTime(ctx, a);
            if (Double.isNaN(impact) || !brakedHard(a)) {
                continue;
            }
            for (TrackSnapshot b : v) {
                if (b.id() != a.id() && touch(a.box(), b.box(), a, b)) {
                    hits.add(hit(ctx, a, b.id(), b.ground(), "stopped in contact with " + b.cls().id() + " " + b.id()));
                }
            }
            Vec2 heading = approach(a, impact);
            for (Sighting s : sightings) {
                if (s.id() != a.id() && s.moved() && s.timeSeconds() >= impact - p("decelWindowSeconds")
                        && s.timeSeconds() <= impact + p("mergeGraceSeconds") && ahead(a.ground(), heading, s.ground())
                        && touch(a.box(), s.box(), a, null) && !hits.stream().anyMatch(h -> h.trackIds().contains(s.id()))) {
                    hits.add(hit(ctx, a, s.id(), a.ground(), "ran into vehicle " + s.id() + " (one blob since)"));
                }
            }
        }
        return hits;
    }

    private RuleHit hit(RuleContext ctx, TrackSnapshot a, int other, Vec2 otherGround,
                        String what) {
        int lo = Math.min(a.id(), other);
        int hi = Math.max(a.id(), other);
        return new RuleHit(lo + "+" + hi, null, List.of(lo, hi), a.ground().plus(otherGround).times(0.5),
                a.cls().id() + " " + a.id() + " " + what + " after an impact").withUncertainty(ctx.groundUncertainty(a));
    }

    /** Whether two vehicles touch: grown boxes overlap, or (both tracked now) their ground points are close. */
    private boolean touch(Box a, Box b, TrackSnapshot ta, TrackSnapshot tb) {
        double f = p("contactGrowFraction");
        return grown(a, f).iou(grown(b, f)) > 0 || tb != null && ta.ground().distance(tb.ground()) < p("contactMetres");
    }

    /** Records each vehicle observed in this frame; forgets sightings older than the rule can still use. */
    private void remember(RuleContext ctx, List<TrackSnapshot> vehicles) {
        for (TrackSnapshot t : vehicles) {
            if (t.missedSeconds() == 0) {
                boolean moved = !t.neverMoved() || Motion.travelledMetres(t) >= 2 || t.speedMps() >= p("minPriorSpeedMps");
                sightings.addLast(new Sighting(t.id(), t.box(), t.ground(), ctx.timeSeconds(), moved));
            }
        }
        double keep = 2 * p("decelWindowSeconds") + p("stoppedSeconds") + p("mergeGraceSeconds");
        while (!sightings.isEmpty() && sightings.peekFirst().timeSeconds() < ctx.timeSeconds() - keep) {
            sightings.pollFirst();
        }
    }

    /** Unit vector of the track's travel into the impact (measured, over the deceleration window), or zero. */
    private Vec2 approach(TrackSnapshot t, double impact) {
        List<TrackPoint> w = t.history().stream().filter(q -> q.timeSeconds() >= impact - p("decelWindowSeconds")
                && q.timeSeconds() <= impact + 1e-9).toList();
        if (w.size() < 2) {
            return new Vec2(0, 0);
        }
        Vec2 d = w.get(w.size() - 1).measured().minus(w.get(0).measured());
        return d.length() < 1e-6 ? d : d.times(1 / d.length());
    }

    /**
     * Whether {@code other} lies ahead of a vehicle standing at {@code at} that came along {@code heading}:
     * up to {@code maxAheadMetres} (10) in front and within {@code maxLateralMetres} (2, half a lane and a
     * margin) of its line of travel: the vehicle it ran into, not one passing in the next lane.
     */
    private boolean ahead(Vec2 at, Vec2 heading, Vec2 other) {
        Vec2 d = other.minus(at);
        double along = d.dot(heading);
        double across = Math.abs(d.x() * heading.y() - d.y() * heading.x());
        return heading.length() > 0 && along >= -1 && along <= p("maxAheadMetres") && across <= p("maxLateralMetres");
    }

    /**
     * Whether the track held a filtered speed of {@code minPriorSpeedMps} for {@code minPriorSeconds} (0.6)
     * within {@code decelWindowSeconds} before it stopped: driving, not creeping in a queue whose blobs jump
     * (a jump of the foot point looks like an impact in one frame).
     */
    private boolean brakedHard(TrackSnapshot t) {
        double stop = t.stationarySinceSeconds();
        double runStart = Double.NaN;
        for (TrackPoint q : t.history()) {
            if (q.timeSeconds() < stop - p("decelWindowSeconds") - p("minPriorSeconds") || q.timeSeconds() > stop) {
                continue;
            }
            if (q.speedMps() < p("minPriorSpeedMps")) {
                runStart = Double.NaN;
                continue;
            }
            if (Double.isNaN(runStart)) {
                runStart = q.timeSeconds();
            }
            if (q.timeSeconds() - runStart >= p("minPriorSeconds") - 1e-9 && q.timeSeconds() >= stop - p("decelWindowSeconds")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an observation's box is one whole vehicle, measured once at the ground scale of its foot.
     * Upright: it spans at least {@code minUprightMetres} (1.0) up the image: the least a vehicle's box spans
     * from any view is its height (a car is 1.4 m tall seen level, its length seen from above), and the impacts
     * measured here span 1.8-2.2 m (tuning renders 24000-28000). A sliver of a blob (5 px tall, 0.3-0.6 m: the
     * top of a queued car, the piece of a passing car by a still object) is no vehicle, and its foot's jump from
     * one such piece to the next is no impact (renders 28000, 30000, 32000: congestion and debris clips).
     * One wide: its foot spans at most {@code maxWidthMetres} (3.5) across (the widest vehicle, a truck, is
     * 2.55 m; the boxes of the 20 true impacts of renders 24000-43000, with their shadows, span 2.4-2.9 m). A
     * blob wider than that holds vehicles side by side: a car passing at speed in one lane merged with a slow
     * queue in the next, whose foot leaps by metres as the two part and join (render 40000, congestion near
     * miss: 4.2-5.8 m wide, "impacts" from 12 m/s inside the merged blob). A box that cannot be measured is none.
     */
    private boolean oneVehicle(RuleContext ctx, TrackPoint q) {
        return SizeClassifier.measure(q.box(), ctx.view().mapping())
                .map(s -> s.uprightMetres() >= p("minUprightMetres") && s.widthMetres() <= p("maxWidthMetres"))
                .orElse(false);
    }

    /**
     * Whether the vehicle drove into the impact: its measured ground speed over the {@code minPriorSeconds} (0.6)
     * before the impact's first span is at least {@code minPriorSpeedMps} (5), in the direction of that span. A
     * car running into another has been driving for a second; the foot of a vehicle standing still, or creeping,
     * jumps by metres when a car stopping behind it merges into its blob (render 26000, accident near miss: the
     * foot came 5 m towards the camera, against the car's travel) or when a far box grows by a few pixels
     * (render 24000, abnormal-stop near miss: 8 px at 0.7 m a pixel, after 2 m/s).
     */
    private boolean droveInto(List<TrackPoint> h, int before, TrackPoint mid) {
        double run = p("minPriorSeconds");
        TrackPoint start = Motion.spanEnd(h, before, -1, run, 1.5 * run);
        if (start == null) {
            return false;
        }
        TrackPoint b = h.get(before);
        Vec2 drove = b.measured().minus(start.measured());
        Vec2 into = mid.measured().minus(b.measured());
        return drove.length() / (b.timeSeconds() - start.timeSeconds()) >= p("minPriorSpeedMps") && drove.dot(into) > 0;
    }

    /**
     * Whether the vehicle rests where the impact left it: its position now (it has stood for {@code stoppedSeconds})
     * within {@code maxSlideMetres} (2) of where it was measured just after the impact. A car that runs into
     * another is stopped by it and pushed a metre at most (the true impacts of renders 24000-43000 rest 0-0.5 m
     * from there); a "stop" read from a blob's foot leaping as a fast car merges with a slow queue, or as a queued
     * car's blob merges with the one behind it, is followed by the track creeping on with the queue (renders 40000
     * and 42000, congestion near misses: 9 m and 3.3 m on to the rest). Render 39000's true impact is lost here
     * (its track left the car for a sliver of the car ahead, 7 m on, and read the accident 3 s late anyway).
     */
    private boolean restsAt(TrackSnapshot t, TrackPoint after) {
        return t.ground().distance(after.measured()) <= p("maxSlideMetres");
    }

    /** The box grown by {@code f} of its size on every side. */
    private static Box grown(Box b, double f) {
        return new Box(b.x() - f * b.w(), b.y() - f * b.h(), b.w() * (1 + 2 * f), b.h() * (1 + 2 * f));
    }

    /**
     * The time of the impact that stopped the track, NaN if none: an observation within
     * {@code decelWindowSeconds} before it came to rest (to half a second after) where its measured speed
     * over the {@code impactSpanSeconds} before (at least {@code minPriorSpeedMps}) exceeds its speed over
     * the span after by {@code impactDecelMps2} times the time between the two spans' middles. Only
     * observations whose box the frame does not cut, and spans without a gap longer than the span. The
     * vehicle is seen whole through the impact: its box at the impact and after it keeps at least
     * {@code minAreaKept} (0.5) of its area before (a car running into another stays as large, or grows
     * as the two merge; a queued car's track that jumps onto a sliver of a blob ahead shrinks to a fifth,
     * and its foot point's jump reads as an impact: tuning renders, congestion clips). Positions the tracker
     * placed rather than measured ({@link TrackPoint#placed()}: the farther of two merged vehicles keeps its
     * predicted box) are left out: a car driving on through a merge with a still blob, then taking the blob,
     * "stopped" in one frame from a speed only its prediction had (render 14000, wrong-way near miss). The box is
     * a whole vehicle before, at and after the impact ({@link #whole}), the vehicle drove into it
     * ({@link #droveInto}), one vehicle wide ({@link #single}) and rests where the impact left it ({@link #restsAt}).
     */
    private double impactTime(RuleContext ctx, TrackSnapshot t) {
        if (t.neverMoved()) {
            return Double.NaN;                          // a jittering static blob's filter speed is not braking
        }
        double stop = t.stationarySinceSeconds();
        double span = p("impactSpanSeconds");
        List<TrackPoint> h = t.history().stream()
                .filter(q -> q.timeSeconds() >= stop - p("decelWindowSeconds") - 2 * span - 1.5 * p("minPriorSeconds")
                        && q.timeSeconds() <= stop + 0.5 + 2 * span && ctx.uncut(q.box()) && !q.placed()).toList();
        for (int i = 1; i < h.size() - 1; i++) {
            TrackPoint mid = h.get(i);
            if (mid.timeSeconds() < stop - p("decelWindowSeconds") || mid.timeSeconds() > stop + 0.5) {
                continue;
            }
            TrackPoint before = Motion.spanEnd(h, i, -1, span, 1.25 * span);
            TrackPoint after = Motion.spanEnd(h, i, +1, span, 1.25 * span);
            if (before == null || after == null) {
                continue;
            }
            double vBefore = mid.measured().distance(before.measured()) / (mid.timeSeconds() - before.timeSeconds());
            double vAfter = after.measured().distance(mid.measured()) / (after.timeSeconds() - mid.timeSeconds());
            double dt = (after.timeSeconds() - before.timeSeconds()) / 2;
            if (vBefore >= p("minPriorSpeedMps") && (vBefore - vAfter) / dt >= p("impactDecelMps2")
                    && Math.min(mid.box().area(), after.box().area()) >= p("minAreaKept") * before.box().area()
                    && oneVehicle(ctx, before) && oneVehicle(ctx, mid) && oneVehicle(ctx, after)
                    && droveInto(h, h.indexOf(before), mid) && restsAt(t, after)) {
                return mid.timeSeconds();
            }
        }
        return Double.NaN;
    }
}
