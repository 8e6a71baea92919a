package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code traffic_congestion}: at least {@code minVehicles} (6) vehicles in one lane/motorway/intersection
 * zone with a mean speed under {@code maxMeanSpeedKph} (15), sustained {@code sustainSeconds} (10) with
 * dropouts up to {@code sustainGapSeconds} (2) tolerated (queued vehicles merge and split, so the count
 * flickers around the threshold). A vehicle in a running lane counts in that lane, not also in the
 * motorway zone around it: the queue in one lane is that lane's congestion, and the motorway's own
 * count would otherwise start a second alert for it (or one for a queue in a single lane of a
 * carriageway that flows). A vehicle counts while it is seen: a track not observed for more than
 * {@code maxMissedSeconds} (1) coasts on a prediction (a standing one for 10 s), and where a car stood and
 * left such a track was the sixth "vehicle" of a queue of five (tuning renders, congestion near misses).
 * A vehicle counts as the cars its box holds nose to tail ({@link #cars}): seen along the lane, a queue's
 * cars overlap in the image, the classical detector makes one blob of several of them and the tracker
 * keeps it as one standing vehicle (tuning renders 17000-23000: five queued cars read as one to three
 * tracks, the queue read seconds late or never); the mean speed is over cars, each blob's speed counted
 * once per car it holds.
 */
public final class TrafficCongestionRule extends AbstractRule {

    /** A car's height, length, and the gap between cars queueing nose to tail (metres). */
    static final double CAR_HEIGHT_METRES = 1.5;
    static final double CAR_LENGTH_METRES = 4.5;
    static final double QUEUE_GAP_METRES = 1.5;

    public TrafficCongestionRule(Map<String, Double> overrides) {
        super(Behaviour.TRAFFIC_CONGESTION,
                Map.of("minVehicles", 6.0, "maxMeanSpeedKph", 15.0, "sustainSeconds", 10.0, "endAfterSeconds", 5.0,
                        "sustainGapSeconds", 2.0, "maxMissedSeconds", 1.0),
                overrides);
    }

    @Override
    public String severity() {
        return "low";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (ResolvedZone z : ctx.view().zones()) {
            if (!z.kind().isRunningLane() && z.kind() != ZoneKind.MOTORWAY && z.kind() != ZoneKind.INTERSECTION) {
                continue;
            }
            List<TrackSnapshot> in = ctx.tracksOf(c -> c.isVehicle()).stream()
                    .filter(t -> t.missedSeconds() <= p("maxMissedSeconds") && RuleContext.inside(t, z)
                            && (z.kind() != ZoneKind.MOTORWAY || !inLane(ctx, t))).toList();
            int cars = 0;
            double kph = 0;
            for (TrackSnapshot t : in) {
                int n = cars(t, ctx);
                cars += n;
                kph += n * t.speedKph();
            }
            if (cars < p("minVehicles")) {
                continue;
            }
            double mean = kph / cars;
            if (mean < p("maxMeanSpeedKph")) {
                hits.add(new RuleHit(z.id(), z.id(), in.stream().map(TrackSnapshot::id).toList(), z.ground().centroid(),
                        cars + " vehicles in " + z.id() + " at a mean " + fmt(mean) + " km/h"));
            }
        }
        return hits;
    }

    /**
     * Cars a vehicle's box holds nose to tail: the ground length it covers along the view ({@link #lengthMetres})
     * plus one gap, over a car and a gap ({@link #CAR_LENGTH_METRES}, {@link #QUEUE_GAP_METRES}), at least one.
     * One car, with its shadow, is one; a truck (12 m) two, as it fills the lane of two; a blob of a queue the
     * cars it covers.
     */
    static int cars(TrackSnapshot t, RuleContext ctx) {
        double length = lengthMetres(t.box(), ctx.view().mapping());
        return Double.isNaN(length) ? 1
                : Math.max(1, (int) Math.floor((length + QUEUE_GAP_METRES) / (CAR_LENGTH_METRES + QUEUE_GAP_METRES)));
    }

    /**
     * Ground length (metres) of what a box holds along the view, for vehicles {@link #CAR_HEIGHT_METRES} tall;
     * NaN when the box is not on the ground. The longer of two measures: the box's height at the ground scale
     * of its foot, less the cars' height ({@link SizeClassifier.GroundSize#groundLengthMetres}: straight down
     * its longest side), and {@link #spanMetres}. The first is a lower bound that fails a queue seen along its
     * lane: the ground scale grows with distance, so a blob of four cars from 12 m to 35 m away measured at
     * the scale of its foot reads as one or two cars (tuning renders 26000-30000: the queue in view from the
     * start read at 4 cars of 9 for seconds, and the congestion seconds late).
     */
    static double lengthMetres(Box b, GroundMapping m) {
        double scaled = SizeClassifier.measure(b, m).map(s -> s.groundLengthMetres(CAR_HEIGHT_METRES)).orElse(Double.NaN);
        double span = spanMetres(b, m);
        return Double.isNaN(span) ? scaled : Double.isNaN(scaled) ? span : Math.max(scaled, span);
    }

    /**
     * Ground distance from the box's foot (the nearest car's front bumper) to the foot of the farthest car,
     * along the box's middle column, NaN when either is off the ground. The box's top is that car's roof: its
     * foot lies {@code H cos e / s} pixels lower, for a car H = {@link #CAR_HEIGHT_METRES} tall seen at the
     * elevation e there with s metres per pixel across the image (a height shows foreshortened by cos e; the
     * ground along the view by sin e = s over the metres per pixel down the image), found by three fixed-point
     * steps from the top. Each end is measured at its own ground scale, so the span is right at every distance.
     */
    static double spanMetres(Box b, GroundMapping m) {
        double cx = b.x() + b.w() / 2;
        double bottom = b.y() + b.h();
        Optional<Vec2> foot = m.toGround(new Vec2(cx, bottom));
        if (foot.isEmpty()) {
            return Double.NaN;
        }
        double row = b.y();
        for (int step = 0; step < 3; step++) {
            Optional<Vec2> at = m.toGround(new Vec2(cx, row));
            Optional<Vec2> across = m.toGround(new Vec2(cx + 1, row));
            Optional<Vec2> down = m.toGround(new Vec2(cx, row + 1));
            if (at.isEmpty() || across.isEmpty() || down.isEmpty()) {
                return Double.NaN;
            }
            double s = at.get().distance(across.get());
            double sin = Math.max(0.05, Math.min(1, s / Math.max(1e-9, at.get().distance(down.get()))));
            row = Math.min(bottom, b.y() + CAR_HEIGHT_METRES * Math.sqrt(1 - sin * sin) / Math.max(1e-9, s));
        }
        Optional<Vec2> far = m.toGround(new Vec2(cx, row));
        return far.isEmpty() ? Double.NaN : far.get().distance(foot.get());
    }

    /** Whether the vehicle is in a running lane of its own (it counts there, not in the motorway around it). */
    private static boolean inLane(RuleContext ctx, TrackSnapshot t) {
        return ctx.view().zones().stream().anyMatch(z -> z.kind().isRunningLane() && RuleContext.inside(t, z));
    }
}
