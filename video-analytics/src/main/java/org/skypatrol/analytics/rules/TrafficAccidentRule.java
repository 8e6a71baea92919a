package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code traffic_accident}: two vehicles whose footprints meet (pixel boxes, each grown by
 * {@code contactGrowFraction} (0.2) of its size because the contact edge is hidden behind the nearer
 * vehicle and its blob often takes the farther one's bottom, overlap, or ground
 * distance under {@code contactMetres} (3)), both stationary for {@code stoppedSeconds} (3), and at
 * least one of them braked abruptly: from {@code minPriorSpeedMps} (5) or more, held for
 * {@code minPriorSeconds} (0.6), to standstill within {@code decelWindowSeconds} (3) before it stopped.
 * Both are vehicles that arrived moving (a piece of one stopped vehicle, tracked apart, never moved), by
 * evidence: footprints at least
 * {@code minWidthMetres} (1.2) wide, seen in at least {@code minObservedFraction} (0.6) of the frames
 * of the stop (pieces and ghosts of the background model are neither).
 */
public final class TrafficAccidentRule extends AbstractRule {

    public TrafficAccidentRule(Map<String, Double> overrides) {
        super(Behaviour.TRAFFIC_ACCIDENT, Map.of("contactMetres", 3.0, "stoppedSeconds", 3.0,
                "minPriorSpeedMps", 5.0, "decelWindowSeconds", 3.0, "cooldownSeconds", 120.0, "minWidthMetres", 1.2,
                "minObservedFraction", 0.6, "contactGrowFraction", 0.2, "minPriorSeconds", 0.6), overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        List<TrackSnapshot> v = ctx.tracksOf(c -> c.isVehicle()).stream()
                .filter(t -> t.stationarySeconds(ctx.timeSeconds()) >= p("stoppedSeconds") && !t.neverMoved()
                        && ctx.groundWidth(t) >= p("minWidthMetres")
                        && ctx.observedFraction(t, p("stoppedSeconds")) >= p("minObservedFraction")).toList();
        for (int i = 0; i < v.size(); i++) {
            for (int j = i + 1; j < v.size(); j++) {
                TrackSnapshot a = v.get(i);
                TrackSnapshot b = v.get(j);
                boolean touch = grown(a.box(), p("contactGrowFraction")).iou(grown(b.box(), p("contactGrowFraction"))) > 0
                        || a.ground().distance(b.ground()) < p("contactMetres");
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

    /** The box grown by {@code f} of its size on every side. */
    private static Box grown(Box b, double f) {
        return new Box(b.x() - f * b.w(), b.y() - f * b.h(), b.w() * (1 + 2 * f), b.h() * (1 + 2 * f));
    }

    /** Whether the track arrived moving and was at {@code minPriorSpeedMps} shortly before it stopped. */
    private boolean brakedHard(TrackSnapshot t) {
        if (t.neverMoved()) {
            return false;                               // a jittering static blob's filter speed is not braking
        }
        double stop = t.stationarySinceSeconds();
        double runStart = Double.NaN;
        for (TrackPoint p : t.history()) {
            if (p.timeSeconds() < stop - p("decelWindowSeconds") - p("minPriorSeconds") || p.timeSeconds() > stop) {
                continue;
            }
            if (p.speedMps() < p("minPriorSpeedMps")) {
                runStart = Double.NaN;
                continue;
            }
            if (Double.isNaN(runStart)) {
                runStart = p.timeSeconds();
            }
            if (p.timeSeconds() - runStart >= p("minPriorSeconds") - 1e-9
                    && p.timeSeconds() >= stop - p("decelWindowSeconds")) {
                return true;                            // a sustained speed, not one noisy sample of a queue's jumpy blob
            }
        }
        return false;
    }
}
