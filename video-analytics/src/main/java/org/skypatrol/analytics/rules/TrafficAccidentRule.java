package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code traffic_accident}: two vehicles whose footprints meet (pixel boxes overlap, or ground
 * distance under {@code contactMetres} (3)), both stationary for {@code stoppedSeconds} (3), and at
 * least one of them braked abruptly: from {@code minPriorSpeedMps} (5) or more to standstill within
 * {@code decelWindowSeconds} (3) before it stopped. Both are vehicles by evidence: footprints at least
 * {@code minWidthMetres} (1.2) wide, seen in at least {@code minObservedFraction} (0.6) of the frames
 * of the stop (pieces and ghosts of the background model are neither).
 */
public final class TrafficAccidentRule extends AbstractRule {

    public TrafficAccidentRule(Map<String, Double> overrides) {
        super(Behaviour.TRAFFIC_ACCIDENT, Map.of("contactMetres", 3.0, "stoppedSeconds", 3.0,
                "minPriorSpeedMps", 5.0, "decelWindowSeconds", 3.0, "cooldownSeconds", 120.0, "minWidthMetres", 1.2,
                "minObservedFraction", 0.6), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        List<TrackSnapshot> v = ctx.tracksOf(c -> c.isVehicle()).stream()
                .filter(t -> t.stationarySeconds(ctx.timeSeconds()) >= p("stoppedSeconds")
                        && ctx.groundWidth(t) >= p("minWidthMetres")
                        && ctx.observedFraction(t, p("stoppedSeconds")) >= p("minObservedFraction")).toList();
        for (int i = 0; i < v.size(); i++) {
            for (int j = i + 1; j < v.size(); j++) {
                TrackSnapshot a = v.get(i);
                TrackSnapshot b = v.get(j);
                boolean touch = a.box().iou(b.box()) > 0 || a.ground().distance(b.ground()) < p("contactMetres");
                if (touch && (brakedHard(a) || brakedHard(b))) {
                    int lo = Math.min(a.id(), b.id());
                    int hi = Math.max(a.id(), b.id());
                    hits.add(new RuleHit(lo + "+" + hi, null, List.of(lo, hi), a.ground().plus(b.ground()).times(0.5),
                            a.cls().id() + " " + a.id() + " and " + b.cls().id() + " " + b.id()
                                    + " stopped in contact after hard braking")
                            .withUncertainty(Math.max(ctx.groundUncertainty(a), ctx.groundUncertainty(b))));
                }
            }
        }
        return hits;
    }

    /** Whether the track arrived moving and was at {@code minPriorSpeedMps} shortly before it stopped. */
    private boolean brakedHard(TrackSnapshot t) {
        if (t.neverMoved()) {
            return false;                               // a jittering static blob's filter speed is not braking
        }
        double stop = t.stationarySinceSeconds();
        for (TrackPoint p : t.history()) {
            if (p.timeSeconds() >= stop - p("decelWindowSeconds") && p.timeSeconds() <= stop
                    && p.speedMps() >= p("minPriorSpeedMps")) {
                return true;
            }
        }
        return false;
    }
}
