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
 * @param groundUncertaintyMetres how far (metres) the ground point may wander for the same object (foot
 *                 point jitter at the ground scale); widens the lifecycle's same-object radius
 */
public record RuleHit(String key, String zoneId, List<Integer> trackIds, Vec2 ground, String detail,
                      double groundUncertaintyMetres) {
    public RuleHit {
        trackIds = List.copyOf(trackIds);
    }

    /** A hit whose ground point is exact enough for the rule's {@code dedupeMetres} alone. */
    public RuleHit(String key, String zoneId, List<Integer> trackIds, Vec2 ground, String detail) {
        this(key, zoneId, trackIds, ground, detail, 0);
    }

    /** The same hit with the ground uncertainty of its object's foot point. */
    public RuleHit withUncertainty(double metres) {
        return new RuleHit(key, zoneId, trackIds, ground, detail, Double.isFinite(metres) ? metres : 0);
    }
}
