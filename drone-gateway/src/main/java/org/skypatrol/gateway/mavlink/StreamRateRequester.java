package org.skypatrol.gateway.mavlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.config.Problems;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.protocols.mavlink.MessageDefinition;
import org.skypatrol.protocols.mavlink.MessageTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every drone that comes online for the configured message rates: MAV_CMD_SET_MESSAGE_INTERVAL
 * (511) in a COMMAND_LONG per message, param1 the message id, param2 the interval in microseconds
 * (-1 stops the message), acknowledged and retried through the {@link CommandTracker}.
 */
public final class StreamRateRequester {

    private static final Logger log = LoggerFactory.getLogger(StreamRateRequester.class);
    public static final int MAV_CMD_SET_MESSAGE_INTERVAL = 511;

    /** A resolved request: message id and interval in µs. */
    record Rate(int messageId, String name, float intervalMicros) {
    }

    private final List<Rate> rates;
    private final MavlinkGateway gateway;
    private final Executor executor;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    StreamRateRequester(List<Rate> rates, MavlinkGateway gateway, Executor executor) {
        this.rates = List.copyOf(rates);
        this.gateway = gateway;
        this.executor = executor;
    }

    /** Resolves message names or ids against the message table; unknown names are listed as problems. */
    static List<Rate> resolve(List<MavlinkConfig.StreamRate> configured, Problems problems) {
        List<Rate> out = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            MavlinkConfig.StreamRate r = configured.get(i);
            MessageDefinition d = find(r.message());
            if (d == null) {
                problems.add("mavlink.streamRates[" + i + "].message", "unknown MAVLink message '" + r.message() + "'");
                continue;
            }
            float interval = r.rateHz() == 0 ? -1f : (float) (1_000_000.0 / r.rateHz());
            out.add(new Rate(d.id(), d.name(), interval));
        }
        return out;
    }

    private static MessageDefinition find(String nameOrId) {
        String s = nameOrId.trim();
        if (s.matches("\\d+")) {
            return MessageTable.standard().find(Integer.parseInt(s));
        }
        return MessageTable.standard().all().stream()
                .filter(d -> d.name().equals(s.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
    }

    void attach(EventBus bus) {
        if (!rates.isEmpty()) {
            bus.subscribe(DroneStatusEvent.class, e -> {
                if (e.state() == DroneStatusEvent.LinkState.ONLINE) {
                    // off the event loop: the first send happens on the executor, not in the frame path
                    executor.execute(() -> request(e.droneId()));
                }
            });
        }
    }

    private void request(String droneId) {
        for (Rate r : rates) {
            gateway.sendCommand(droneId, MAV_CMD_SET_MESSAGE_INTERVAL, r.messageId(), r.intervalMicros(), 0, 0, 0, 0, 0)
                    .whenComplete((outcome, error) -> {
                        if (error == null && outcome.accepted()) {
                            accepted.incrementAndGet();
                            log.debug("drone {} accepted {} every {} µs", droneId, r.name(), r.intervalMicros());
                        } else {
                            refused.incrementAndGet();
                            log.warn("drone {} did not accept the {} rate: {}", droneId, r.name(),
                                    error != null ? error.toString() : outcome);
                        }
                    });
        }
    }

    public long accepted() {
        return accepted.get();
    }

    public long refused() {
        return refused.get();
    }
}
