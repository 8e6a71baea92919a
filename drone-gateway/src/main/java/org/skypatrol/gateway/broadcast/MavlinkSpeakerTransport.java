package org.skypatrol.gateway.broadcast;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.protocols.mavlink.CommandAck;
import org.skypatrol.protocols.mavlink.CommandLong;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.SkypatrolSpeakerBroadcast;
import org.skypatrol.protocols.mavlink.SkypatrolSpeakerStatus;
import org.skypatrol.protocols.mavlink.SkypatrolSpeakerText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loudspeaker broadcasts over MAVLink, which has no audio message (docs/broadcast.md):
 * <ul>
 *   <li>a preset clip is {@code COMMAND_LONG MAV_CMD_USER_1 (31010)} to the loudspeaker component
 *       with param1 clip id, param2 volume %, param3 repeat (0 = loop until stopped). The
 *       loudspeaker answers {@code COMMAND_ACK}: {@code MAV_RESULT_IN_PROGRESS} while playing
 *       (delivered, playing), {@code MAV_RESULT_ACCEPTED} when finished (done), anything else
 *       failed;</li>
 *   <li>free text is the SkyPatrol dialect message {@code SKYPATROL_SPEAKER_BROADCAST (53800)}, in
 *       UTF-8 chunks of at most 200 bytes under one 32-bit command id, answered by
 *       {@code SKYPATROL_SPEAKER_STATUS (53801)}: received, playing, done, failed, rejected;</li>
 *   <li>stop (pre-emption, ttl) is {@code COMMAND_LONG MAV_CMD_USER_2 (31011)}, not tracked.</li>
 * </ul>
 * No answer within {@code ackTimeoutMillis}: the command is re-sent ({@code confirmation} + 1 for
 * COMMAND_LONG; the same command id for text) up to {@code retries} times, as MAVSDK does; after
 * an in-progress answer the wait is {@code inProgressTimeoutMillis} without re-sending. Then
 * {@code timeout}. Signing is the link's job: every message goes out signed when the drone's
 * endpoint signs.
 */
public final class MavlinkSpeakerTransport implements DroneSpeakerTransport {

    private static final Logger log = LoggerFactory.getLogger(MavlinkSpeakerTransport.class);

    /** MAV_CMD_USER_1: play a preset clip on the loudspeaker component. */
    public static final int CMD_PLAY_CLIP = 31010;
    /** MAV_CMD_USER_2: stop the loudspeaker. */
    public static final int CMD_STOP = 31011;
    /** MAV_RESULT values (common.xml). */
    static final int MAV_RESULT_ACCEPTED = 0;
    static final int MAV_RESULT_IN_PROGRESS = 5;
    /** SKYPATROL_SPEAKER_STATUS.state values (tools/mavgen/skypatrol.xml). */
    static final int STATE_RECEIVED = 0;
    static final int STATE_PLAYING = 1;
    static final int STATE_DONE = 2;
    static final int STATE_FAILED = 3;
    static final int STATE_REJECTED = 4;

    private final MavlinkSpeakerLink link;
    private final BroadcastConfig.Mavlink config;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong nextWireId = new AtomicLong(1);
    /** The clip command in flight per drone (COMMAND_ACK carries only the command number). */
    private final Map<String, Attempt> clips = new ConcurrentHashMap<>();
    /** Text broadcasts in flight by wire command id. */
    private final Map<Long, Attempt> texts = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();

    public MavlinkSpeakerTransport(MavlinkSpeakerLink link, BroadcastConfig.Mavlink config,
                                   ScheduledExecutorService scheduler) {
        this.link = link;
        this.config = config;
        this.scheduler = scheduler;
    }

    @Override
    public String name() {
        return "mavlink";
    }

    @Override
    public boolean serves(String droneId) {
        return link.systemId(droneId) >= 0;
    }

    @Override
    public Playback play(SpeakerOrder order, Listener listener) {
        int sysid = link.systemId(order.droneId());
        Attempt a = new Attempt(order, listener, sysid, order.isText() ? nextWireId.getAndIncrement() & 0xFFFFFFFFL : -1);
        if (order.isText()) {
            texts.put(a.wireId, a);
        } else {
            Attempt old = clips.put(order.droneId(), a);
            if (old != null) {
                old.close();        // superseded: its late ack now belongs to the new one
            }
        }
        a.transmit();
        return a;
    }

    /**
     * A message received from a drone (any component). Returns true when it was a loudspeaker
     * answer this transport was waiting for.
     */
    public boolean onMessage(String droneId, int componentId, MavlinkMessage message) {
        if (componentId != config.speakerComponentId()) {
            return false;
        }
        if (message instanceof CommandAck ack && ack.command() == CMD_PLAY_CLIP) {
            Attempt a = clips.get(droneId);
            if (a == null) {
                unmatched.incrementAndGet();
                return false;
            }
            a.onClipAck(ack.result());
            return true;
        }
        if (message instanceof SkypatrolSpeakerStatus status) {
            Attempt a = texts.get(status.commandId());
            if (a == null || !a.order.droneId().equals(droneId)) {
                unmatched.incrementAndGet();
                return false;
            }
            a.onTextStatus(status.state());
            return true;
        }
        return false;
    }

    /** One broadcast in flight: transmissions, the answer timer, and what was reported. */
    private final class Attempt implements Playback {
        final SpeakerOrder order;
        final Listener listener;
        final int sysid;
        final long wireId;
        int transmissions;
        boolean inProgress;
        boolean closed;
        ScheduledFuture<?> timer;

        Attempt(SpeakerOrder order, Listener listener, int sysid, long wireId) {
            this.order = order;
            this.listener = listener;
            this.sysid = sysid;
            this.wireId = wireId;
        }

        synchronized void transmit() {
            if (closed) {
                return;
            }
            int confirmation = transmissions++;
            boolean routed = true;
            for (MavlinkMessage m : messages(confirmation)) {
                routed &= link.send(order.droneId(), m);
            }
            sent.incrementAndGet();
            if (confirmation > 0) {
                resent.incrementAndGet();
            }
            if (!routed) {
                log.debug("no MAVLink route to {} for broadcast {}", order.droneId(), order.commandId());
            }
            arm(config.ackTimeoutMillis());
        }

        private List<MavlinkMessage> messages(int confirmation) {
            if (!order.isText()) {
                float repeat = order.loop() ? 0 : order.repeat();
                return List.of(new CommandLong(sysid, config.speakerComponentId(), CMD_PLAY_CLIP, confirmation,
                        order.clipId(), order.volumePercent(), repeat, 0, 0, 0, 0));
            }
            int repeat = order.loop() ? 255 : order.repeat();
            return List.copyOf(SkypatrolSpeakerText.chunks(sysid, config.speakerComponentId(), wireId,
                    order.volumePercent(), repeat, order.text()));
        }

        private void arm(long millis) {
            if (timer != null) {
                timer.cancel(false);
            }
            timer = scheduler.schedule(this::onTimer, millis, TimeUnit.MILLISECONDS);
        }

        private void onTimer() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (!inProgress && transmissions <= config.retries()) {
                    transmit();
                    return;
                }
                timeouts.incrementAndGet();
                close();
            }
            listener.progress(Stage.TIMEOUT, inProgress
                    ? "no progress from the loudspeaker for " + config.inProgressTimeoutMillis() + " ms"
                    : "no ack after " + transmissions + " transmissions");
        }

        void onClipAck(int result) {
            Stage report;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (result == MAV_RESULT_IN_PROGRESS) {
                    boolean first = !inProgress;
                    inProgress = true;
                    arm(config.inProgressTimeoutMillis());
                    if (!first) {
                        return;
                    }
                    report = Stage.PLAYING;
                } else {
                    close();
                    report = result == MAV_RESULT_ACCEPTED ? Stage.DONE : Stage.FAILED;
                }
            }
            if (report == Stage.PLAYING) {
                listener.progress(Stage.DELIVERED, "COMMAND_ACK in progress");
                listener.progress(Stage.PLAYING, null);
            } else {
                listener.progress(report, report == Stage.DONE ? null : "COMMAND_ACK result " + result);
            }
        }

        void onTextStatus(int state) {
            Stage report;
            synchronized (this) {
                if (closed) {
                    return;
                }
                switch (state) {
                    case STATE_RECEIVED, STATE_PLAYING -> {
                        boolean wasInProgress = inProgress;
                        inProgress = true;
                        arm(config.inProgressTimeoutMillis());
                        if (state == STATE_RECEIVED && wasInProgress) {
                            return;
                        }
                        report = state == STATE_RECEIVED ? Stage.DELIVERED : Stage.PLAYING;
                    }
                    case STATE_DONE -> {
                        close();
                        report = Stage.DONE;
                    }
                    default -> {
                        close();
                        report = Stage.FAILED;
                    }
                }
            }
            listener.progress(report, report == Stage.FAILED
                    ? (state == STATE_REJECTED ? "rejected by the loudspeaker" : "loudspeaker failed") : null);
        }

        /** Ends tracking (no further reports). Caller holds the lock or owns the attempt. */
        synchronized void close() {
            closed = true;
            if (timer != null) {
                timer.cancel(false);
            }
            if (order.isText()) {
                texts.remove(wireId, this);
            } else {
                clips.remove(order.droneId(), this);
            }
        }

        @Override
        public void stop() {
            close();
            link.send(order.droneId(), new CommandLong(sysid, config.speakerComponentId(), CMD_STOP, 0,
                    0, 0, 0, 0, 0, 0, 0));
        }
    }

    /** Messages put on the wire (first sends and re-sends). */
    public long sent() {
        return sent.get();
    }

    public long resent() {
        return resent.get();
    }

    public long timeouts() {
        return timeouts.get();
    }

    /** Loudspeaker answers nothing was waiting for (late, duplicate, foreign). */
    public long unmatched() {
        return unmatched.get();
    }

}
