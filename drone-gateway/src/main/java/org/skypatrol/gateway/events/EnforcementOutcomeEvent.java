package org.skypatrol.gateway.events;

import java.time.Instant;

/**
 * The end of one enforcement incident (detect → broadcast → re-check): whether the offender
 * complied or the alert was escalated, with the times of each step so the loop's speed is
 * measurable per incident.
 *
 * @param alertId       the alert that started the incident
 * @param droneId       the drone that spoke, or null when none did
 * @param behaviour     behaviour id ({@code illegal_parking}, ...)
 * @param zoneId        the zone, or null
 * @param outcome       how it ended
 * @param detectedAt    when the alert started
 * @param broadcastAt   when the broadcast was requested, or null
 * @param acknowledgedAt when the loudspeaker acknowledged it, or null
 * @param outcomeAt     when the outcome was decided
 * @param commandId     the broadcast's command id, or null
 */
public record EnforcementOutcomeEvent(String alertId, String droneId, String behaviour, String zoneId,
                                      Outcome outcome, Instant detectedAt, Instant broadcastAt,
                                      Instant acknowledgedAt, Instant outcomeAt, String commandId)
        implements GatewayEvent {

    /** {@code COMPLIED}: gone by the re-check; {@code ESCALATED}: still there after the last re-check. */
    public enum Outcome { COMPLIED, ESCALATED }
}
