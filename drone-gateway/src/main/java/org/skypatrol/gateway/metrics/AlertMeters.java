package org.skypatrol.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.skypatrol.gateway.events.AlertEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.protocols.mqtt.AlertPayload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Alerts raised by behaviour ({@code skypatrol_alerts_raised_total{behaviour}}): the {@code start}
 * phase of every {@link AlertEvent} on the bus. No part keeps this count by behaviour, so it is
 * counted here, on the alert path (a few events a minute, not a per-frame path). Every behaviour of
 * DESIGN.md is exported from the start at 0; an id outside that list counts as {@code other}, so the
 * label stays bounded.
 */
final class AlertMeters {

    private final Map<String, Counter> byBehaviour = new ConcurrentHashMap<>();
    private final Counter other;

    AlertMeters(MeterRegistry registry, EventBus bus) {
        for (String id : AnalyticsMeters.behaviours()) {
            byBehaviour.put(id, counter(registry, id));
        }
        other = counter(registry, "other");
        bus.subscribe(AlertEvent.class, e -> {
            if (e.alert().phase() == AlertPayload.Phase.START) {
                byBehaviour.getOrDefault(e.alert().behaviour(), other).increment();
            }
        });
    }

    private static Counter counter(MeterRegistry registry, String behaviour) {
        return Counter.builder("skypatrol.alerts.raised").tag("behaviour", behaviour)
                .description("alerts started, by risk behaviour (DESIGN.md; other = an id outside that list)")
                .register(registry);
    }
}
