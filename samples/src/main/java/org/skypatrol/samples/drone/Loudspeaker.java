package org.skypatrol.samples.drone;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.skypatrol.protocols.mavlink.CommandAck;
import org.skypatrol.protocols.mavlink.CommandLong;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.SkypatrolSpeakerBroadcast;
import org.skypatrol.protocols.mavlink.SkypatrolSpeakerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated drone's loudspeaker: a MAVLink component of its own (default compid 200) that
 * answers SkyPatrol's broadcasts as docs/broadcast.md describes and "plays" them by logging.
 * <ul>
 *   <li>{@code COMMAND_LONG MAV_CMD_USER_1} (clip): {@code COMMAND_ACK IN_PROGRESS}, then after the
 *       play time {@code COMMAND_ACK ACCEPTED}; a re-sent copy of the command being played is
 *       answered again, not played twice;</li>
 *   <li>{@code MAV_CMD_USER_2}: stop;</li>
 *   <li>{@code SKYPATROL_SPEAKER_BROADCAST} (text chunks): once every chunk is in,
 *       {@code SKYPATROL_SPEAKER_STATUS} received, playing, then done.</li>
 * </ul>
 * Faults for tests: {@link #dropNextAcks(int)} loses answers, {@link #setAckDelay} delays them.
 */
public final class Loudspeaker implements DroneComponent {

    private static final Logger log = LoggerFactory.getLogger(Loudspeaker.class);

    public static final int DEFAULT_COMPONENT_ID = 200;
    static final int CMD_PLAY_CLIP = 31010;
    static final int CMD_STOP = 31011;
    static final int MAV_RESULT_ACCEPTED = 0;
    static final int MAV_RESULT_IN_PROGRESS = 5;

    /** An answer to put on the wire from this component. */
    public record Reply(int componentId, MavlinkMessage message) {
    }

    /** Something the loudspeaker played (for the demo console and tests). */
    public record Played(String kind, String content, int volumePercent, int repeat) {
    }

    private final int componentId;
    private final ScheduledExecutorService scheduler;
    private volatile Consumer<Reply> out;
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger commandsSeen = new AtomicInteger();
    private volatile Duration ackDelay = Duration.ZERO;
    private volatile Duration playTime = Duration.ZERO;
    private final List<Played> played = new CopyOnWriteArrayList<>();
    /** Text chunks being assembled, by command id. */
    private final Map<Long, String[]> assembling = new HashMap<>();
    /** Last state reported per text command id, so re-sends are answered, not replayed. */
    private final Map<Long, Integer> textState = new HashMap<>();
    private boolean clipPlaying;
    private String lastClipDone;
    private int requesterSystem;
    private int requesterComponent;

    public Loudspeaker(int componentId, ScheduledExecutorService scheduler, Consumer<Reply> out) {
        this.componentId = componentId;
        this.scheduler = scheduler;
        this.out = out;
    }

    /** A loudspeaker inside a {@link SimulatedDrone}: answers through the drone's output. */
    public Loudspeaker(int componentId) {
        this(componentId, SHARED_SCHEDULER, r -> { });
    }

    private static final ScheduledExecutorService SHARED_SCHEDULER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sim-loudspeaker");
                t.setDaemon(true);
                return t;
            });

    @Override
    public boolean onMessage(SimulatedDrone drone, org.skypatrol.protocols.mavlink.MavlinkFrame frame,
                             MavlinkMessage message, DroneOutput output) {
        if (!(message instanceof CommandLong) && !(message instanceof SkypatrolSpeakerBroadcast)) {
            return false;
        }
        out = reply -> output.send(reply.componentId(), reply.message());
        return handle(frame.systemId(), frame.componentId(), message);
    }

    public int componentId() {
        return componentId;
    }

    /** The next {@code n} answers are lost (FAULTS L1). */
    public void dropNextAcks(int n) {
        dropNext.set(n);
    }

    public void setAckDelay(Duration d) {
        ackDelay = d;
    }

    /** How long one playback takes before "done" (zero: done at once). */
    public void setPlayTime(Duration d) {
        playTime = d;
    }

    public List<Played> played() {
        return List.copyOf(played);
    }

    public int dropped() {
        return dropped.get();
    }

    /** Broadcast commands and text chunks received, including re-sends. */
    public int commandsSeen() {
        return commandsSeen.get();
    }

    /**
     * Handles a message from the gateway ({@code senderSystem}/{@code senderComponent} are the
     * frame's ids, answered in the acks). Returns true when it was for this loudspeaker.
     */
    public synchronized boolean handle(int senderSystem, int senderComponent, MavlinkMessage m) {
        if (m instanceof CommandLong c && (c.targetComponent() == componentId || c.targetComponent() == 0)
                && (c.command() == CMD_PLAY_CLIP || c.command() == CMD_STOP)) {
            requesterSystem = senderSystem;
            requesterComponent = senderComponent;
            commandsSeen.incrementAndGet();
            if (c.command() == CMD_STOP) {
                clipPlaying = false;
                textState.replaceAll((k, v) -> v < 2 ? 2 : v);
                reply(new CommandAck(CMD_STOP, MAV_RESULT_ACCEPTED, 0, 0, senderSystem, senderComponent));
                return true;
            }
            if (clipPlaying) {            // a re-send of the command being played: answer again
                reply(ack(MAV_RESULT_IN_PROGRESS, 0));
                return true;
            }
            String params = c.param1() + "/" + c.param2() + "/" + c.param3();
            if (c.confirmation() > 0 && params.equals(lastClipDone)) {
                reply(ack(MAV_RESULT_ACCEPTED, 100));   // a re-send after its ack was lost: not replayed
                return true;
            }
            lastClipDone = null;
            clipPlaying = true;
            int clip = Math.round(c.param1());
            int repeat = Math.round(c.param3());
            played.add(new Played("clip", Integer.toString(clip), Math.round(c.param2()), repeat));
            log.info("loudspeaker: playing clip {} at {}% x{}", clip, Math.round(c.param2()),
                    repeat == 0 ? "loop" : repeat);
            reply(ack(MAV_RESULT_IN_PROGRESS, 0));
            later(playTime, () -> {
                synchronized (this) {
                    if (!clipPlaying) {
                        return;
                    }
                    clipPlaying = false;
                    lastClipDone = params;
                }
                reply(ack(MAV_RESULT_ACCEPTED, 100));
            });
            return true;
        }
        if (m instanceof SkypatrolSpeakerBroadcast b && (b.targetComponent() == componentId || b.targetComponent() == 0)) {
            requesterSystem = senderSystem;
            requesterComponent = senderComponent;
            commandsSeen.incrementAndGet();
            onChunk(b);
            return true;
        }
        return false;
    }

    private void onChunk(SkypatrolSpeakerBroadcast b) {
        long id = b.commandId();
        Integer state = textState.get(id);
        if (state != null) {                      // already complete: a re-send, answer the state
            reply(status(id, state, state >= 2 ? 100 : 0));
            return;
        }
        int count = Math.max(1, b.chunkCount());
        String[] parts = assembling.computeIfAbsent(id, k -> new String[count]);
        if (b.chunkIndex() < parts.length) {
            byte[] raw = b.text().getBytes(StandardCharsets.UTF_8);
            int n = Math.min(raw.length, b.textLength());
            parts[b.chunkIndex()] = new String(raw, 0, n, StandardCharsets.UTF_8);
        }
        for (String p : parts) {
            if (p == null) {
                return;
            }
        }
        assembling.remove(id);
        String text = String.join("", parts);
        textState.put(id, 1);
        played.add(new Played("text", text, b.volume(), b.repeat()));
        log.info("loudspeaker: speaking \"{}\" at {}% x{}", text, b.volume(), b.repeat());
        reply(status(id, 0, 0));
        reply(status(id, 1, 0));
        later(playTime, () -> {
            synchronized (this) {
                if (textState.getOrDefault(id, 2) != 1) {
                    return;
                }
                textState.put(id, 2);
            }
            reply(status(id, 2, 100));
        });
    }

    private CommandAck ack(int result, int progress) {
        return new CommandAck(CMD_PLAY_CLIP, result, progress, 0, requesterSystem, requesterComponent);
    }

    private SkypatrolSpeakerStatus status(long id, int state, int progress) {
        return new SkypatrolSpeakerStatus(requesterSystem, requesterComponent, id, state, progress);
    }

    private void reply(MavlinkMessage m) {
        if (dropNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            dropped.incrementAndGet();
            return;
        }
        Duration delay = ackDelay;
        if (delay.isZero()) {
            out.accept(new Reply(componentId, m));
        } else {
            scheduler.schedule(() -> out.accept(new Reply(componentId, m)), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void later(Duration d, Runnable r) {
        if (d.isZero()) {
            r.run();
        } else {
            scheduler.schedule(r, d.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
