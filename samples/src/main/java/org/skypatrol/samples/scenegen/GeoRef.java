package org.skypatrol.samples.scenegen;

/**
 * The local east-north tangent plane of a scene's {@code camera.origin}: ground metres to lat/lon,
 * with the WGS-84 meridian and prime-vertical radii at the origin (the same conversion the analytics
 * uses to read latlon zones, so round trips agree to millimetres).
 */
public record GeoRef(double originLatDeg, double originLonDeg) {

    private static final double A = 6378137.0;
    private static final double E2 = 6.69437999014e-3;

    public double metresPerDegLat() {
        double s = Math.sin(Math.toRadians(originLatDeg));
        return Math.toRadians(1) * A * (1 - E2) / Math.pow(1 - E2 * s * s, 1.5);
    }

    public double metresPerDegLon() {
        double lat = Math.toRadians(originLatDeg);
        double s = Math.sin(lat);
        return Math.toRadians(1) * A / Math.sqrt(1 - E2 * s * s) * Math.cos(lat);
    }

    public double lat(Pt p) {
        return originLatDeg + p.y() / metresPerDegLat();
    }

    public double lon(Pt p) {
        return originLonDeg + p.x() / metresPerDegLon();
    }
}
