package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code illegal_u_turn}: a vehicle inside a {@code no_u_turn} zone whose direction of travel over
 * the last {@code windowSeconds} (12) reversed: the first and last legs (each at least
 * {@code minLegMetres} (4) long) differ by at least {@code minTurnDeg} (150°), and the turn itself
 * (the point farthest along the first leg) lies in the zone: a U-turn made past the zone, driving
 * back through it, is not one in it.
 */
public final class IllegalUTurnRule extends AbstractRule {

    public IllegalUTurnRule(Map<String, Double> overrides) {
        super(Behaviour.ILLEGAL_U_TURN, Map.of("windowSeconds", 12.0, "minLegMetres", 4.0, "minTurnDeg", 150.0),
                overrides);
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<RuleHit> hits = new ArrayList<>();
        for (ResolvedZone z : ctx.view().zonesOf(ZoneKind.NO_U_TURN)) {
            for (TrackSnapshot t : ctx.tracksOf(c -> c.isMotorVehicle())) {
                if (!RuleContext.inside(t, z)) {
                    continue;
                }
                var pts = t.since(ctx.timeSeconds() - p("windowSeconds"));
                if (pts.size() < 3) {
                    continue;
                }
                Vec2 start = pts.get(0).ground();
                Vec2 end = pts.get(pts.size() - 1).ground();
                Vec2 first = null;
                Vec2 last = null;
                for (var q : pts) {
                    if (first == null && q.ground().distance(start) >= p("minLegMetres")) {
                        first = q.ground().minus(start);
                    }
                }
                for (int i = pts.size() - 1; i >= 0; i--) {
                    if (end.distance(pts.get(i).ground()) >= p("minLegMetres")) {
                        last = end.minus(pts.get(i).ground());
                        break;
                    }
                }
                if (first == null || last == null) {
                    continue;
                }
                double turn = Math.abs(((last.bearingDeg() - first.bearingDeg()) % 360 + 540) % 360 - 180);
                if (turn >= p("minTurnDeg") && z.ground().contains(apex(pts, start, first))) {
                    hits.add(new RuleHit(z.id() + "/" + t.id(), z.id(), List.of(t.id()), t.ground(),
                            t.cls().id() + " turned " + fmt(turn) + "° inside no-U-turn zone " + z.id()));
                }
            }
        }
        return hits;
    }

    /**
     * Where the vehicle turned: the point of the window farthest along its first leg. A car that
     * turned outside the zone and drives back through it has its apex outside.
     */
    private static Vec2 apex(java.util.List<org.skypatrol.analytics.track.TrackPoint> pts, Vec2 start, Vec2 firstLeg) {
        double len = firstLeg.length();
        Vec2 best = start;
        double bestAlong = Double.NEGATIVE_INFINITY;
        for (var q : pts) {
            Vec2 d = q.ground().minus(start);
            double along = (d.x() * firstLeg.x() + d.y() * firstLeg.y()) / len;
            if (along > bestAlong) {
                bestAlong = along;
                best = q.ground();
            }
        }
        return best;
    }
}
