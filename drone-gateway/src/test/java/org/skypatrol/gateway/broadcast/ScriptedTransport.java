package org.skypatrol.gateway.broadcast;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loudspeaker whose answers the test scripts (for the service's state machine only; the
 * transports themselves are tested against real MAVLink/DJI peers on loopback).
 */
final class ScriptedTransport implements DroneSpeakerTransport {

    /** One started playback, with the listener the test drives. */
    record Started(SpeakerOrder order, Listener listener, AtomicInteger stops) implements Playback {
        @Override
        public void stop() {
            stops.incrementAndGet();
        }

        void report(Stage stage) {
            listener.progress(stage, null);
        }
    }

    private final String name;
    private final boolean autoComplete;
    final List<Started> started = new CopyOnWriteArrayList<>();

    ScriptedTransport(String name, boolean autoComplete) {
        this.name = name;
        this.autoComplete = autoComplete;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean serves(String droneId) {
        return true;
    }

    @Override
    public Playback play(SpeakerOrder order, Listener listener) {
        Started s = new Started(order, listener, new AtomicInteger());
        started.add(s);
        if (autoComplete) {
            listener.progress(Stage.DELIVERED, null);
            listener.progress(Stage.PLAYING, null);
            listener.progress(Stage.DONE, null);
        }
        return s;
    }
}
