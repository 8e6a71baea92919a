package org.skypatrol.gateway.events;

import java.time.Instant;

/**
 * A policy in {@code confirm} mode matched an alert: this is the broadcast it suggests, for the
 * command centre or an operator to send (with {@code skypatrol broadcast} or the MQTT command topic).
 *
 * @param alertId   the alert it belongs to
 * @param droneId   the drone that would speak
 * @param text      the rendered message
 * @param volumePercent suggested volume
 * @param priority  suggested priority
 * @param time      when it was suggested
 */
public record BroadcastSuggestionEvent(String alertId, String droneId, String text, int volumePercent,
                                       int priority, Instant time) implements GatewayEvent {
}
