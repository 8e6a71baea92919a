package org.skypatrol.gateway.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process publish/subscribe between gateway parts. Delivery is synchronous on the publisher's
 * thread, so a subscriber must not block: one that does slow work hands it to its own executor. A
 * subscriber that throws is isolated and counted; the others still get the event.
 */
public final class EventBus {

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private record Subscription<T extends GatewayEvent>(Class<T> type, Consumer<? super T> handler) {
        void offer(GatewayEvent event) {
            if (type.isInstance(event)) {
                handler.accept(type.cast(event));
            }
        }
    }

    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong subscriberFailures = new AtomicLong();

    public <T extends GatewayEvent> void subscribe(Class<T> type, Consumer<? super T> handler) {
        subscriptions.add(new Subscription<>(type, handler));
    }

    public void publish(GatewayEvent event) {
        for (Subscription<?> s : subscriptions) {
            try {
                s.offer(event);
            } catch (RuntimeException e) {
                if (subscriberFailures.getAndIncrement() % 1000 == 0) {
                    log.warn("event subscriber failed on {} ({} failures so far)",
                            event.getClass().getSimpleName(), subscriberFailures.get(), e);
                }
            }
        }
    }

    /** Subscribers that threw, since start. */
    public long subscriberFailures() {
        return subscriberFailures.get();
    }
}
