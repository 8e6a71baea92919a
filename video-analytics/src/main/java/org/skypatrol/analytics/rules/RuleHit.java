package org.skypatrol.analytics.rules;

import java.util.List;

import org.skypatrol.analytics.geo.Vec2;

/**
 * A rule's condition holding in one frame.
 *
 * @param key      identity of the alert this hit belongs to (behaviour-local: zone + track, zone, pair...);
 *                 hits with the same key across frames are one alert
 * @param zoneId   zone or line id, or null
 * @param trackIds tracks involved
 * @param ground   where (metres)
 * @param detail   one human sentence with the measured values
 */
public record RuleHit(String key, String zoneId, List<Integer> trackIds, Vec2 ground, String detail) {
    public RuleHit {
        trackIds = List.copyOf(trackIds);
    }
}
