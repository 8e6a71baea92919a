package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
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
     * Cars a vehicle's box holds nose to tail: its ground length along the view for vehicles
     * {@link #CAR_HEIGHT_METRES} tall, plus one gap, over a car and a gap ({@link #CAR_LENGTH_METRES},
     * {@link #QUEUE_GAP_METRES}), at least one. One car, with its shadow, is one; a truck (12 m) two, as
     * it fills the lane of two; a blob of a queue the cars it covers. The length is a lower bound for a
     * long box (the ground scale at its foot is the finest it spans), so a queue is never overcounted.
     */
    static int cars(TrackSnapshot t, RuleContext ctx) {
        return SizeClassifier.measure(t.box(), ctx.view().mapping())
                .map(s -> (int) Math.floor((s.groundLengthMetres(CAR_HEIGHT_METRES) + QUEUE_GAP_METRES)
                        / (CAR_LENGTH_METRES + QUEUE_GAP_METRES)))
                .map(n -> Math.max(1, n)).orElse(1);
    }

    /** Whether the vehicle is in a running lane of its own (it counts there, not in the motorway around it). */
    private static boolean inLane(RuleContext ctx, TrackSnapshot t) {
        return ctx.view().zones().stream().anyMatch(z -> z.kind().isRunningLane() && RuleContext.inside(t, z));
    }
}
