package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 */
public final class TrafficCongestionRule extends AbstractRule {

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
            if (in.size() < p("minVehicles")) {
                continue;
            }
            double mean = in.stream().mapToDouble(TrackSnapshot::speedKph).average().orElse(0);
            if (mean < p("maxMeanSpeedKph")) {
                hits.add(new RuleHit(z.id(), z.id(), in.stream().map(TrackSnapshot::id).toList(), z.ground().centroid(),
                        in.size() + " vehicles in " + z.id() + " at a mean " + fmt(mean) + " km/h"));
            }
        }
        return hits;
    }

    /** Whether the vehicle is in a running lane of its own (it counts there, not in the motorway around it). */
    private static boolean inLane(RuleContext ctx, TrackSnapshot t) {
        return ctx.view().zones().stream().anyMatch(z -> z.kind().isRunningLane() && RuleContext.inside(t, z));
    }
}
