package org.skypatrol.gateway.broadcast;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.skypatrol.gateway.events.CommandResultEvent;
import org.skypatrol.protocols.mqtt.CommandResultPayload.Status;
import org.skypatrol.gateway.events.EventBus;

/** Collects the command results published on a real {@link EventBus}. */
final class RecordingBus {

    final EventBus bus = new EventBus();
    final List<CommandResultEvent> results = new CopyOnWriteArrayList<>();

    RecordingBus() {
        bus.subscribe(CommandResultEvent.class, results::add);
    }

    List<Status> statuses(String commandId) {
        return results.stream().filter(e -> e.commandId().equals(commandId)).map(CommandResultEvent::status).toList();
    }

    boolean reached(String commandId, Status s) {
        return statuses(commandId).contains(s);
    }

    CommandResultEvent last(String commandId) {
        List<CommandResultEvent> l = results.stream().filter(e -> e.commandId().equals(commandId)).toList();
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }
}
