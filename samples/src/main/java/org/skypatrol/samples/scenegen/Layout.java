package org.skypatrol.samples.scenegen;

import java.util.List;

/**
 * The ground of a scene in metres: what is painted (surfaces and markings, drawn in order) and what
 * the scene file declares (zones and lines). Both come from the same coordinates, so the zones in
 * {@code scene.yaml} lie exactly on the rendered road.
 *
 * @param name    layout name, for docs
 * @param minX    west edge of the rendered ground
 * @param minY    south edge
 * @param maxX    east edge
 * @param maxY    north edge
 * @param areas   surfaces, painted in order over grass
 * @param marks   road markings, painted after the areas
 * @param zones   zones written to the scene file
 * @param lines   lines written to the scene file
 */
public record Layout(String name, double minX, double minY, double maxX, double maxY, List<Area> areas,
                     List<Marking> marks, List<ZoneSpec> zones, List<LineSpec> lines) {

    public Layout {
        areas = List.copyOf(areas);
        marks = List.copyOf(marks);
        zones = List.copyOf(zones);
        lines = List.copyOf(lines);
    }

    public ZoneSpec zone(String id) {
        return zones.stream().filter(z -> z.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no zone " + id + " in layout " + name));
    }

    /** Ground surfaces, each with its own colour and texture. */
    public enum Surface { ASPHALT, BUS_LANE, PAVING, CONCRETE, GRAVEL }

    /** A painted surface polygon. */
    public record Area(Surface surface, List<Pt> polygon) {
        public Area {
            polygon = List.copyOf(polygon);
        }
    }

    /** A painted line: solid or dashed, white or yellow, {@code widthMetres} wide. */
    public record Marking(List<Pt> polyline, double widthMetres, boolean dashed, boolean yellow) {
        public Marking {
            polyline = List.copyOf(polyline);
        }
    }

    /**
     * A zone as the scene file declares it (docs/scene-format.md).
     *
     * @param directionDeg  lanes: direction of travel, else null
     * @param speedLimitKph optional speed limit, else null
     */
    public record ZoneSpec(String id, String kind, List<Pt> polygon, Double directionDeg, Double speedLimitKph) {
        public ZoneSpec {
            polygon = List.copyOf(polygon);
        }

        public boolean contains(Pt p) {
            boolean in = false;
            for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
                Pt a = polygon.get(i);
                Pt b = polygon.get(j);
                if ((a.y() > p.y()) != (b.y() > p.y())
                        && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                    in = !in;
                }
            }
            return in;
        }
    }

    /** A line as the scene file declares it: {@code solid_line}, {@code stop_line} or {@code tripwire}. */
    public record LineSpec(String id, String kind, List<Pt> points) {
        public LineSpec {
            points = List.copyOf(points);
        }
    }

    /** An axis-aligned rectangle polygon (x0, y0)-(x1, y1), counter-clockwise from the south-west corner. */
    public static List<Pt> rect(double x0, double y0, double x1, double y1) {
        return List.of(new Pt(x0, y0), new Pt(x1, y0), new Pt(x1, y1), new Pt(x0, y1));
    }
}
