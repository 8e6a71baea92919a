package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Polygon;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.LineKind;
import org.skypatrol.analytics.scene.ResolvedLine;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code solid_line_crossing}: a vehicle's ground track, from where it was {@code lookbackSeconds}
 * (1.5) ago to now, crosses a {@code solid_line}, and both ends are at least {@code minSideMetres}
 * (0.5) from the line (jitter on the line is not a crossing).
 */
public final class SolidLineCrossingRule extends AbstractRule {

    public SolidLineCrossingRule(Map<String, Double> overrides) {
        super(Behaviour.SOLID_LINE_CROSSING, Map.of("lookbackSeconds", 1.5, "minSideMetres", 0.5,
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
                if (crosses(l.ground(), from, to)) {
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

    private static double distance(Vec2 a, Vec2 b, Vec2 p) {
        Vec2 ab = b.minus(a);
        double len2 = ab.x() * ab.x() + ab.y() * ab.y();
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((p.x() - a.x()) * ab.x() + (p.y() - a.y()) * ab.y()) / len2));
        return p.distance(a.plus(ab.times(t)));
    }
}
