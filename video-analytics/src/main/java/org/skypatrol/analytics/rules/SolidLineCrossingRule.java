package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.LineKind;
import org.skypatrol.analytics.scene.ResolvedLine;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code solid_line_crossing}: a moving vehicle whose ground track shows it clearly on one side of a
 * {@code solid_line} and then clearly on the other, as evidence over time rather than one frame:
 * within the last {@code windowSeconds} (4), a run of observations spanning at least
 * {@code sideSeconds} (0.6) lies at least {@code minSideMetres} (0.5) on one side, beside the line (not
 * past its ends), and every observation of the last {@code sideSeconds} lies that far on the other
 * side; the vehicle moves at {@code minSpeedMps} (2) or more; and no measured step in the window
 * moves across the line faster than {@code maxLateralMps} (4): a lane change drifts across at 1-3 m/s,
 * while the foot point of a blob that merges with a vehicle in the next lane, or of a tall vehicle
 * whose box grows, jumps across in one frame. A blob parked on the line or jittering around it never
 * has a clean side before and after. The window must be observed, not coasted: no gap between
 * observations over {@code maxGapSeconds} (0.6; a re-attached track may be another vehicle).
 */
public final class SolidLineCrossingRule extends AbstractRule {

    public SolidLineCrossingRule(Map<String, Double> overrides) {
        super(Behaviour.SOLID_LINE_CROSSING, Map.of("windowSeconds", 4.0, "sideSeconds", 0.6, "minSideMetres", 0.5,
                "maxLateralMps", 4.0, "minSpeedMps", 2.0, "maxGapSeconds", 0.6, "endAfterSeconds", 3.0), overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        double now = ctx.timeSeconds();
        for (ResolvedLine l : ctx.view().lines()) {
            if (l.line().kind() != LineKind.SOLID_LINE) {
                continue;
            }
            for (TrackSnapshot t : ctx.tracksOf(c -> c.isMotorVehicle())) {
                if (t.speedMps() < p("minSpeedMps") || t.missedSeconds() > 0) {
                    continue;
                }
                List<TrackPoint> pts = t.since(now - p("windowSeconds"));
                if (pts.size() < 4 || !RuleContext.continuous(pts, p("maxGapSeconds")) || jumps(l.ground(), pts)) {
                    continue;
                }
                int after = sideAfter(l.ground(), pts, now - p("sideSeconds"));
                if (after != 0 && hasRunOn(l.ground(), pts, -after, now - p("sideSeconds"))) {
                    hits.add(new RuleHit(l.line().id() + "/" + t.id(), l.line().id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " crossed solid line " + l.line().id() + " at " + fmt(t.speedKph()) + " km/h"));
                }
            }
        }
        return hits;
    }

    /** The side (+1 left, -1 right) every observation from {@code from} on lies clearly on; 0 if none (or too few). */
    private int sideAfter(List<Vec2> line, List<TrackPoint> pts, double from) {
        int side = 0;
        int n = 0;
        for (TrackPoint q : pts) {
            if (q.timeSeconds() < from - 1e-9) {
                continue;
            }
            int qs = clearSide(line, q.ground());
            if (qs == 0 || (side != 0 && qs != side)) {
                return 0;
            }
            side = qs;
            n++;
        }
        return n >= 2 ? side : 0;
    }

    /** Whether observations before {@code before} include a run spanning {@code sideSeconds} clearly on {@code side}. */
    private boolean hasRunOn(List<Vec2> line, List<TrackPoint> pts, int side, double before) {
        double runStart = Double.NaN;
        for (TrackPoint q : pts) {
            if (q.timeSeconds() >= before - 1e-9) {
                break;
            }
            if (clearSide(line, q.ground()) == side) {
                if (Double.isNaN(runStart)) {
                    runStart = q.timeSeconds();
                }
                if (q.timeSeconds() - runStart >= p("sideSeconds") - 1e-9) {
                    return true;
                }
            } else {
                runStart = Double.NaN;
            }
        }
        return false;
    }

    /** +1 / -1 when p is beside the line and at least {@code minSideMetres} from it, else 0. */
    private int clearSide(List<Vec2> line, Vec2 p) {
        double s = signedBeside(line, p);
        if (Double.isNaN(s) || Math.abs(s) < p("minSideMetres")) {
            return 0;
        }
        return s > 0 ? 1 : -1;
    }

    /**
     * Whether consecutive measured points move sideways to the line faster than a vehicle drifts, measured
     * across the line's nearest segment extended past its ends: a track that jumps from beside the line to a
     * vehicle past its end (one frame beside, the next 8 m across and 5 m beyond the end) jumped all the same.
     */
    private boolean jumps(List<Vec2> line, List<TrackPoint> points) {
        for (int k = 0; k + 1 < points.size(); k++) {
            TrackPoint p0 = points.get(k);
            TrackPoint p1 = points.get(k + 1);
            double dt = p1.timeSeconds() - p0.timeSeconds();
            double s0 = signedAcross(line, p0.measured());
            double s1 = signedAcross(line, p1.measured());
            if (Double.isNaN(s0) || Double.isNaN(s1)) {
                continue;
            }
            if (dt > 0 && Math.abs(s1 - s0) > p("maxLateralMps") * dt + 0.3) {
                return true;
            }
        }
        return false;
    }

    /**
     * Signed distance of p (positive on the left) to the straight line through the polyline's segment nearest
     * to it, ends not clamped: how far across the line's course p lies, beside the line or beyond its ends.
     */
    static double signedAcross(List<Vec2> line, Vec2 p) {
        double best = Double.POSITIVE_INFINITY;
        double signed = Double.NaN;
        for (int i = 0; i + 1 < line.size(); i++) {
            Vec2 a = line.get(i);
            Vec2 ab = line.get(i + 1).minus(a);
            double len2 = ab.x() * ab.x() + ab.y() * ab.y();
            if (len2 == 0) {
                continue;
            }
            double u = Math.max(0, Math.min(1, ((p.x() - a.x()) * ab.x() + (p.y() - a.y()) * ab.y()) / len2));
            double d = p.distance(a.plus(ab.times(u)));
            if (d < best) {
                best = d;
                signed = (ab.x() * (p.y() - a.y()) - ab.y() * (p.x() - a.x())) / Math.sqrt(len2);
            }
        }
        return signed;
    }

    /**
     * Signed distance of p to the polyline (positive on its left), or NaN when p lies past either end
     * of the line (a line that stops is not crossed by going round it).
     */
    static double signedBeside(List<Vec2> line, Vec2 p) {
        double best = Double.POSITIVE_INFINITY;
        double signed = Double.NaN;
        for (int i = 0; i + 1 < line.size(); i++) {
            Vec2 a = line.get(i);
            Vec2 b = line.get(i + 1);
            Vec2 ab = b.minus(a);
            double len2 = ab.x() * ab.x() + ab.y() * ab.y();
            if (len2 == 0) {
                continue;
            }
            double u = ((p.x() - a.x()) * ab.x() + (p.y() - a.y()) * ab.y()) / len2;
            if (u < 0 || u > 1) {
                continue;
            }
            double d = p.distance(a.plus(ab.times(u)));
            if (d < best) {
                best = d;
                signed = (ab.x() * (p.y() - a.y()) - ab.y() * (p.x() - a.x())) / Math.sqrt(len2);
            }
        }
        return signed;
    }
}
