package org.skypatrol.samples.scenegen;

import static org.skypatrol.samples.scenegen.Layout.rect;

import java.util.ArrayList;
import java.util.List;

import org.skypatrol.samples.scenegen.Layout.Area;
import org.skypatrol.samples.scenegen.Layout.LineSpec;
import org.skypatrol.samples.scenegen.Layout.Marking;
import org.skypatrol.samples.scenegen.Layout.Surface;
import org.skypatrol.samples.scenegen.Layout.ZoneSpec;

/**
 * The three grounds of the library, all running north-south so that scripts read simply (y is along
 * the road). Lane widths are 3.5 m, shoulders 3 m. Coordinates in metres; the figures in the
 * comments are the x ranges.
 */
public final class Layouts {

    /** Motorway speed limit (km/h). */
    public static final double MOTORWAY_LIMIT_KPH = 100;
    /** Urban street speed limit (km/h). */
    public static final double URBAN_LIMIT_KPH = 50;

    private static final double Y0 = -40;
    private static final double Y1 = 260;

    private Layouts() {
    }

    /**
     * A dual carriageway: southbound shoulder -10.5..-7.5, lanes -7.5..-4 and -4..-0.5, a concrete
     * median, northbound lanes 0.5..4 ({@code nb-lane-1}) and 4..7.5 ({@code nb-lane-2}), the
     * northbound emergency lane 7.5..10.5, and a gravel service path 16..19 outside the motorway.
     */
    public static Layout motorway() {
        List<Area> areas = List.of(
                new Area(Surface.ASPHALT, rect(-10.5, Y0, -0.5, Y1)),
                new Area(Surface.CONCRETE, rect(-0.5, Y0, 0.5, Y1)),
                new Area(Surface.ASPHALT, rect(0.5, Y0, 10.5, Y1)),
                new Area(Surface.GRAVEL, rect(16, Y0, 19, Y1)));
        List<Marking> marks = new ArrayList<>();
        for (double x : new double[] {-10.3, -7.5, -0.7, 0.7, 7.5, 10.3}) {
            marks.add(line(x, Y0, Y1, 0.2, false, false));
        }
        marks.add(line(-4, Y0, Y1, 0.15, true, false));
        marks.add(line(4, Y0, Y1, 0.15, true, false));
        double lim = MOTORWAY_LIMIT_KPH;
        List<ZoneSpec> zones = List.of(
                new ZoneSpec("nb-lane-1", "lane", rect(0.5, Y0, 4, Y1), 0.0, lim),
                new ZoneSpec("nb-lane-2", "lane", rect(4, Y0, 7.5, Y1), 0.0, lim),
                new ZoneSpec("nb-shoulder", "emergency_lane", rect(7.5, Y0, 10.5, Y1), 0.0, null),
                new ZoneSpec("sb-lane-1", "lane", rect(-4, Y0, -0.5, Y1), 180.0, lim),
                new ZoneSpec("sb-lane-2", "lane", rect(-7.5, Y0, -4, Y1), 180.0, lim),
                new ZoneSpec("sb-shoulder", "emergency_lane", rect(-10.5, Y0, -7.5, Y1), 180.0, null),
                new ZoneSpec("motorway", "motorway", rect(-10.5, Y0, 10.5, Y1), null, null));
        return new Layout("motorway", -45, Y0, 45, Y1, areas, marks, zones, List.of());
    }

    /**
     * A two-way urban street with a double yellow centre line at x = 0: southbound lanes
     * {@code sb-lane-2} -7..-3.5 and {@code sb-lane-1} (no trucks) -3.5..0, with a solid divider
     * between them for y in 8..30 and a dashed one elsewhere; northbound {@code nb-lane-1} 0..3.5 and
     * the bus lane 3.5..7; a kerb-side strip -9.5..-7 that is a no-parking zone for y in 8..30 and
     * parking bays for y in 36..60; pavements on both sides.
     */
    public static Layout urban() {
        List<Area> areas = urbanAreas(true);
        List<Marking> marks = new ArrayList<>();
        marks.add(line(-0.15, Y0, Y1, 0.12, false, true));
        marks.add(line(0.15, Y0, Y1, 0.12, false, true));
        marks.add(line(-3.5, Y0, 8, 0.15, true, false));
        marks.add(line(-3.5, 8, 30, 0.15, false, false));
        marks.add(line(-3.5, 30, Y1, 0.15, true, false));
        marks.add(line(3.5, Y0, Y1, 0.25, false, false));
        marks.add(line(-7, Y0, Y1, 0.15, false, false));
        marks.add(line(-9.35, 8, 30, 0.2, false, true));
        for (double y = 36; y <= 60; y += 6) {
            marks.add(new Marking(List.of(new Pt(-9.5, y), new Pt(-7, y)), 0.12, false, false));
        }
        double lim = URBAN_LIMIT_KPH;
        List<ZoneSpec> zones = List.of(
                new ZoneSpec("nb-lane-1", "lane", rect(0, Y0, 3.5, Y1), 0.0, lim),
                new ZoneSpec("nb-bus", "bus_lane", rect(3.5, Y0, 7, Y1), 0.0, lim),
                new ZoneSpec("sb-lane-1", "no_trucks", rect(-3.5, Y0, 0, Y1), 180.0, lim),
                new ZoneSpec("sb-lane-2", "lane", rect(-7, Y0, -3.5, Y1), 180.0, lim),
                new ZoneSpec("sb-kerb-np", "no_parking", rect(-9.5, 8, -7, 30), null, null));
        List<LineSpec> lines = List.of(
                new LineSpec("centre-solid", "solid_line", List.of(new Pt(0, Y0), new Pt(0, Y1))),
                new LineSpec("sb-divider-solid", "solid_line", List.of(new Pt(-3.5, 8), new Pt(-3.5, 30))));
        return new Layout("urban", -35, Y0, 35, Y1, areas, marks, zones, lines);
    }

    /**
     * The same street with a dashed centre line and no bus lane, where U-turns are banned for y in
     * 12..38 (zone {@code no-u-turn}, the whole carriageway) and allowed elsewhere. No declared lines.
     */
    public static Layout urbanUturn() {
        List<Area> areas = urbanAreas(false);
        List<Marking> marks = new ArrayList<>();
        marks.add(line(0, Y0, Y1, 0.15, true, true));
        marks.add(line(-3.5, Y0, Y1, 0.15, true, false));
        marks.add(line(3.5, Y0, Y1, 0.15, true, false));
        marks.add(line(-7, Y0, Y1, 0.15, false, false));
        marks.add(line(7, Y0, Y1, 0.15, false, false));
        for (double y : new double[] {12, 38}) {
            marks.add(new Marking(List.of(new Pt(-7, y), new Pt(7, y)), 0.12, true, true));
        }
        double lim = URBAN_LIMIT_KPH;
        List<ZoneSpec> zones = List.of(
                new ZoneSpec("nb-lane-1", "lane", rect(0, Y0, 3.5, Y1), 0.0, lim),
                new ZoneSpec("nb-lane-2", "lane", rect(3.5, Y0, 7, Y1), 0.0, lim),
                new ZoneSpec("sb-lane-1", "lane", rect(-3.5, Y0, 0, Y1), 180.0, lim),
                new ZoneSpec("sb-lane-2", "lane", rect(-7, Y0, -3.5, Y1), 180.0, lim),
                new ZoneSpec("no-u-turn", "no_u_turn", rect(-7, 12, 7, 38), null, null));
        return new Layout("urban-uturn", -35, Y0, 35, Y1, areas, marks, zones, List.of());
    }

    /**
     * A paved square: a {@code watch} zone (the bank entrance) at x -9..-3, y 12..20, a fenced
     * {@code restricted} building site at x 3..9, y 14..22, open paving elsewhere.
     */
    public static Layout plaza() {
        List<Area> areas = List.of(
                new Area(Surface.PAVING, rect(-40, -20, 40, 120)),
                new Area(Surface.CONCRETE, rect(-9, 12, -3, 20)),
                new Area(Surface.GRAVEL, rect(3, 14, 9, 22)));
        List<Marking> marks = new ArrayList<>();
        List<Pt> fence = List.of(new Pt(3, 14), new Pt(9, 14), new Pt(9, 22), new Pt(3, 22), new Pt(3, 14));
        marks.add(new Marking(fence, 0.15, false, true));
        for (double y = -20; y < 120; y += 4) {
            marks.add(new Marking(List.of(new Pt(-40, y), new Pt(40, y)), 0.05, false, false));
        }
        List<ZoneSpec> zones = List.of(
                new ZoneSpec("bank-entrance", "watch", rect(-9, 12, -3, 20), null, null),
                new ZoneSpec("building-site", "restricted", rect(3, 14, 9, 22), null, null));
        return new Layout("plaza", -40, -20, 40, 120, areas, marks, zones, List.of());
    }

    private static List<Area> urbanAreas(boolean busLane) {
        List<Area> areas = new ArrayList<>();
        areas.add(new Area(Surface.PAVING, rect(-14, Y0, -9.5, Y1)));
        areas.add(new Area(Surface.ASPHALT, rect(-9.5, Y0, 7, Y1)));
        if (busLane) {
            areas.add(new Area(Surface.BUS_LANE, rect(3.6, Y0, 7, Y1)));
        }
        areas.add(new Area(Surface.PAVING, rect(7, Y0, 11.5, Y1)));
        return areas;
    }

    private static Marking line(double x, double y0, double y1, double width, boolean dashed, boolean yellow) {
        return new Marking(List.of(new Pt(x, y0), new Pt(x, y1)), width, dashed, yellow);
    }
}
