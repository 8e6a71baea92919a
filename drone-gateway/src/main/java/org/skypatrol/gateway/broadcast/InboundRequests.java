package org.skypatrol.gateway.broadcast;

import java.time.Duration;

import org.skypatrol.gateway.events.BroadcastRequestEvent;
import org.skypatrol.protocols.mqtt.BroadcastRequestPayload;

/**
 * Maps the MQTT bridge's {@link BroadcastRequestEvent} (command-centre schema
 * {@code skypatrol.broadcast-request/1}) onto a {@link BroadcastRequest}. Priorities: normal 3,
 * high 6, urgent 9 (a higher number pre-empts a lower one on the same drone).
 */
final class InboundRequests {

    static final int NORMAL = 3;
    static final int HIGH = 6;
    static final int URGENT = 9;

    private InboundRequests() {
    }

    static BroadcastRequest map(BroadcastRequestEvent e) {
        BroadcastRequestPayload p = e.request();
        Integer clipId = null;
        String text = p.text();
        if (p.clipId() != null) {
            try {
                clipId = Integer.valueOf(p.clipId().trim());
            } catch (NumberFormatException bad) {
                clipId = -1;                    // refused by BroadcastRequest.problem: "clipId must be 0..65535"
            }
        }
        int priority = switch (p.priorityOrDefault()) {
            case NORMAL -> NORMAL;
            case HIGH -> HIGH;
            case URGENT -> URGENT;
        };
        return new BroadcastRequest(p.commandId(), e.droneId(), text, clipId, p.volumeOrDefault(),
                p.repeatOrDefault(), false, priority, (Duration) null, source(e.origin()), null);
    }

    static BroadcastRequest.Source source(String origin) {
        if (origin == null) {
            return BroadcastRequest.Source.MQTT;
        }
        return switch (origin) {
            case "cli" -> BroadcastRequest.Source.CLI;
            case "api", "http" -> BroadcastRequest.Source.HTTP;
            case "rule", "policy" -> BroadcastRequest.Source.POLICY;
            default -> BroadcastRequest.Source.MQTT;
        };
    }
}
