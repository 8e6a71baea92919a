package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Polygon;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.LineKind;
import org.skypatrol.analytics.scene.ResolvedLine;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code solid_line_crossing}: a vehicle's ground track, from where it was {@code lookbackSeconds}
 * (1.5) ago to now, crosses a {@code solid_line}, and both ends are at least {@code minSideMetres}
 * (0.5) from the line (jitter on the line is not a crossing), and no measured step of the track in
 * that window moves across the line faster than {@code maxLateralMps} (4): a lane change drifts
 * across at 1-3 m/s, while the foot point of a blob that merges with a vehicle in the next lane, or
 * of a tall vehicle whose box grows, jumps across in one frame.
 */
public final class SolidLineCrossingRule extends AbstractRule {

    public SolidLineCrossingRule(Map<String, Double> overrides) {
        super(Behaviour.SOLID_LINE_CROSSING, Map.of("lookbackSeconds", 1.5, "minSideMetres", 0.5, "maxLateralMps", 4.0,
                "endAfterSeconds", 3.0), overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (ResolvedLine l : ctx.view().lines()) {
            if (l.line().kind() != LineKind.SOLID_LINE) {
                continue;
            }
            for (TrackSnapshot t : ctx.tracksOf(c -> c.isMotorVehicle())) {
                Vec2 from = t.at(ctx.timeSeconds() - p("lookbackSeconds")).ground();
                Vec2 to = t.ground();
                if (crosses(l.ground(), from, to)
                        && !jumps(l.ground(), t.since(ctx.timeSeconds() - p("lookbackSeconds")))) {
                    hits.add(new RuleHit(l.line().id() + "/" + t.id(), l.line().id(), List.of(t.id()), to,
                            t.cls().id() + " crossed solid line " + l.line().id()));
                }
            }
        }
        return hits;
    }

    private boolean crosses(List<Vec2> line, Vec2 from, Vec2 to) {
        for (int i = 0; i + 1 < line.size(); i++) {
            Vec2 a = line.get(i);
            Vec2 b = line.get(i + 1);
            if (Polygon.segmentsCross(a, b, from, to) && distance(a, b, from) >= p("minSideMetres")
                    && distance(a, b, to) >= p("minSideMetres")) {
                return true;
            }
        }
        return false;
    }

    /** Whether consecutive measured points move sideways to the line faster than a vehicle drifts. */
    private boolean jumps(List<Vec2> line, List<TrackPoint> points) {
        for (int k = 0; k + 1 < points.size(); k++) {
            TrackPoint p0 = points.get(k);
            TrackPoint p1 = points.get(k + 1);
            double dt = p1.timeSeconds() - p0.timeSeconds();
            double lateral = Math.abs(side(line, p1.measured()) - side(line, p0.measured()));
            if (dt > 0 && lateral > p("maxLateralMps") * dt + 0.3) {
                return true;
            }
        }
        return false;
    }

    /** Signed distance of p to the line's nearest segment direction (positive on its left). */
    private static double side(List<Vec2> line, Vec2 p) {
        double best = Double.POSITIVE_INFINITY;
        double signed = 0;
        for (int i = 0; i + 1 < line.size(); i++) {
            Vec2 a = line.get(i);
            Vec2 b = line.get(i + 1);
            double d = distance(a, b, p);
            if (d < best) {
                Vec2 ab = b.minus(a);
                double len = Math.hypot(ab.x(), ab.y());
                best = d;
                signed = len == 0 ? d : (ab.x() * (p.y() - a.y()) - ab.y() * (p.x() - a.x())) / len;
            }
        }
        return signed;
    }

    private static double distance(Vec2 a, Vec2 b, Vec2 p) {
        Vec2 ab = b.minus(a);
        double len2 = ab.x() * ab.x() + ab.y() * ab.y();
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((p.x() - a.x()) * ab.x() + (p.y() - a.y()) * ab.y()) / len2));
        return p.distance(a.plus(ab.times(t)));
    }
}
