package org.skypatrol.samples.drone;

import java.util.List;

/**
 * A patrol route: a polyline of WGS-84 waypoints flown back and forth at constant speed. Distances
 * use a local equirectangular projection around the first waypoint, exact to well under a metre over
 * the few tens of kilometres a patrol covers.
 */
public final class PatrolRoute {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    /** A waypoint in degrees. */
    public record Waypoint(double latitudeDeg, double longitudeDeg) {
    }

    /** Where the drone is on the route: position and the course it flies (degrees from north). */
    public record Point(double latitudeDeg, double longitudeDeg, double courseDeg) {
    }

    /**
     * National Highway 110 (G110) north of Yinchuan, Ningxia, from Helan county southwards into
     * Yinchuan's Xingqing district: waypoints traced by hand along the highway corridor from a map
     * (right within the corridor, not lane-accurate). Ground elevation there is about 1,110 m.
     */
    public static final List<Waypoint> G110_YINCHUAN = List.of(
            new Waypoint(38.5540, 106.3470),
            new Waypoint(38.5445, 106.3425),
            new Waypoint(38.5350, 106.3380),
            new Waypoint(38.5250, 106.3330),
            new Waypoint(38.5150, 106.3285),
            new Waypoint(38.5050, 106.3235),
            new Waypoint(38.4960, 106.3190),
            new Waypoint(38.4880, 106.3140),
            new Waypoint(38.4800, 106.3085),
            new Waypoint(38.4735, 106.3020));

    /** Ground elevation along {@link #G110_YINCHUAN}, metres above mean sea level. */
    public static final double G110_GROUND_MSL_M = 1110.0;

    private final List<Waypoint> waypoints;
    private final double[] cumulative;
    private final double cosLat0;

    public PatrolRoute(List<Waypoint> waypoints) {
        if (waypoints.size() < 2) {
            throw new IllegalArgumentException("a route needs at least two waypoints");
        }
        this.waypoints = List.copyOf(waypoints);
        this.cosLat0 = Math.cos(Math.toRadians(waypoints.get(0).latitudeDeg()));
        this.cumulative = new double[waypoints.size()];
        for (int i = 1; i < waypoints.size(); i++) {
            cumulative[i] = cumulative[i - 1] + segmentLength(i - 1);
        }
    }

    public static PatrolRoute g110() {
        return new PatrolRoute(G110_YINCHUAN);
    }

    public List<Waypoint> waypoints() {
        return waypoints;
    }

    /** Route length one way, metres. */
    public double lengthMetres() {
        return cumulative[cumulative.length - 1];
    }

    /**
     * The point reached after flying {@code distance} metres from the start, back and forth: out to
     * the last waypoint, then back (the course reverses), then out again.
     */
    public Point at(double distance) {
        double length = lengthMetres();
        double d = distance % (2 * length);
        if (d < 0) {
            d += 2 * length;
        }
        boolean returning = d > length;
        double along = returning ? 2 * length - d : d;
        int i = 0;
        while (i < cumulative.length - 2 && cumulative[i + 1] < along) {
            i++;
        }
        double segLength = cumulative[i + 1] - cumulative[i];
        double f = segLength == 0 ? 0 : (along - cumulative[i]) / segLength;
        Waypoint a = waypoints.get(i);
        Waypoint b = waypoints.get(i + 1);
        double lat = a.latitudeDeg() + f * (b.latitudeDeg() - a.latitudeDeg());
        double lon = a.longitudeDeg() + f * (b.longitudeDeg() - a.longitudeDeg());
        double course = bearing(a, b);
        return new Point(lat, lon, returning ? (course + 180) % 360 : course);
    }

    private double segmentLength(int i) {
        Waypoint a = waypoints.get(i);
        Waypoint b = waypoints.get(i + 1);
        double north = Math.toRadians(b.latitudeDeg() - a.latitudeDeg()) * EARTH_RADIUS_M;
        double east = Math.toRadians(b.longitudeDeg() - a.longitudeDeg()) * EARTH_RADIUS_M * cosLat0;
        return Math.hypot(north, east);
    }

    private double bearing(Waypoint a, Waypoint b) {
        double north = b.latitudeDeg() - a.latitudeDeg();
        double east = (b.longitudeDeg() - a.longitudeDeg()) * cosLat0;
        double deg = Math.toDegrees(Math.atan2(east, north));
        return deg < 0 ? deg + 360 : deg;
    }
}
