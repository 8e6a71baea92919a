package org.skypatrol.gateway.events;

import java.time.Instant;

import org.skypatrol.protocols.mqtt.AlertPayload;

/**
 * A re-check after a broadcast found the offender still there: the alert's severity goes up and
 * new evidence (snapshot, clip) should be taken by the analytics/recorder of that source.
 *
 * @param alertId     the alert being escalated
 * @param sourceId    the video source that raised it
 * @param behaviour   behaviour id
 * @param severity    the new severity (one step above the alert's)
 * @param escalation  1 for the first re-check that found it still there, 2 for the second, ...
 * @param time        when the re-check ran
 */
public record AlertEscalationEvent(String alertId, String sourceId, String behaviour, AlertPayload.Severity severity,
                                   int escalation, Instant time) implements GatewayEvent {
}
