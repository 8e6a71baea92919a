package org.skypatrol.analytics.geo;

/**
 * A local east-north tangent plane at an origin: converts lat/lon to ground metres (x east, y north)
 * and back. Uses the WGS-84 meridian and prime-vertical radii of curvature at the origin, which is
 * accurate to a few centimetres over the few kilometres one camera sees.
 */
public record LocalEnu(LatLon origin) {

    private static final double A = 6378137.0;             // WGS-84 semi-major axis, metres
    private static final double E2 = 6.69437999014e-3;      // first eccentricity squared

    private double metresPerDegLat() {
        double s = Math.sin(Math.toRadians(origin.latDeg()));
        double m = A * (1 - E2) / Math.pow(1 - E2 * s * s, 1.5);
        return Math.toRadians(1) * m;
    }

    private double metresPerDegLon() {
        double lat = Math.toRadians(origin.latDeg());
        double s = Math.sin(lat);
        double n = A / Math.sqrt(1 - E2 * s * s);
        return Math.toRadians(1) * n * Math.cos(lat);
    }

    public Vec2 toGround(LatLon p) {
        return new Vec2((p.lonDeg() - origin.lonDeg()) * metresPerDegLon(),
                (p.latDeg() - origin.latDeg()) * metresPerDegLat());
    }

    public LatLon toLatLon(Vec2 ground) {
        return new LatLon(origin.latDeg() + ground.y() / metresPerDegLat(),
                origin.lonDeg() + ground.x() / metresPerDegLon());
    }
}
