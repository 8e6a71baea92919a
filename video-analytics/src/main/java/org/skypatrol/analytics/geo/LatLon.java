package org.skypatrol.analytics.geo;

/** A WGS-84 position in degrees. */
public record LatLon(double latDeg, double lonDeg) {
}
