package org.skypatrol.analytics.rules;

import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.ZoneKind;
import org.skypatrol.analytics.track.TrackSnapshot;

/** {@code bus_lane_occupation}: a car (or, with {@code countTrucks} 1, a truck; never a bus) in a {@code bus_lane}
 * during its hours for {@code minSeconds} (3), its footprint at least {@code minWidthMetres} (1.2) wide. Trucks are
 * not counted by default ({@code countTrucks} 0): the classical detector names every large vehicle a truck, and a
 * bus (12 x 2.55 m) and a truck (11 x 2.5 m) have the same footprint, so every bus using its own lane would alert.
 * Set 1 with the ONNX detector, which tells buses from trucks. At most {@code maxOutsideMetres} (2) of its footprint
 * lies outside the lane (one vehicle, not two side by side). */
public final class BusLaneOccupationRule extends ZoneClassRule {

    public BusLaneOccupationRule(Map<String, Double> overrides) {
        super(Behaviour.BUS_LANE_OCCUPATION, List.of(ZoneKind.BUS_LANE),
                c -> c == ObjectClass.CAR || c == ObjectClass.TRUCK, "in bus lane", 3.0, Map.of("minWidthMetres", 1.2, "countTrucks", 0.0,
                        "maxOutsideMetres", 2.0), overrides);
    }

    /** Points along the footprint sampled for {@link #outsideMetres}. */
    private static final int FOOT_SAMPLES = 10;

    /**
     * A truck-sized vehicle in a bus lane is taken for the bus unless {@code countTrucks} says otherwise; and the
     * blob is one vehicle in the lane, not two side by side: the part of its footprint outside the lane is at
     * most {@code maxOutsideMetres} (2) wide (a car straddling the lane's edge, its shadow; a car in the next lane
     * is 1.8 m wide plus the gap between them: tuning render 12000, a car beside the bus lane took the blob
     * it merged into with the car in the bus lane, whose foot fell inside the lane).
     */
    @Override
    protected boolean qualifies(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        return (t.cls() != ObjectClass.TRUCK || p("countTrucks") > 0) && outsideMetres(t, z, ctx) <= p("maxOutsideMetres");
    }

    /** Width (metres) of the part of the track's footprint (its box's bottom edge on the ground) outside the zone. */
    private static double outsideMetres(TrackSnapshot t, ResolvedZone z, RuleContext ctx) {
        var b = t.box();
        int n = 0;
        int out = 0;
        for (int i = 0; i < FOOT_SAMPLES; i++) {
            double x = b.x() + b.w() * (i + 0.5) / FOOT_SAMPLES;
            var g = ctx.view().mapping().toGround(new Vec2(x, b.y() + b.h()));
            if (g.isPresent()) {
                n++;
                if (!z.ground().contains(g.get())) {
                    out++;
                }
            }
        }
        double width = ctx.groundWidth(t);
        return n == 0 || Double.isNaN(width) ? 0 : width * out / n;
    }
}
