package org.skypatrol.analytics.scene;

/** How a zone's or line's points are given: image pixels, ground metres, or WGS-84 [lat, lon]. */
public enum CoordSpace { PIXELS, METRES, LATLON }
