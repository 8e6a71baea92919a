package org.skypatrol.gateway.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.ACCEPTED;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.DELIVERED;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.DONE;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.FAILED;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.PLAYING;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.TIMEOUT;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.broadcast.BroadcastRequest.Source;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.mavlink.SkypatrolSpeakerText;
import org.skypatrol.samples.drone.Loudspeaker;

/** Broadcasts over real UDP on loopback to the simulated drone's loudspeaker component. */
class MavlinkBroadcastEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final RecordingBus rec = new RecordingBus();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private MavlinkUdpPair pair;
    private MavlinkSpeakerTransport transport;
    private BroadcastService service;
    private BroadcastAuditLog audit;

    @BeforeEach
    void setUp() throws Exception {
        pair = new MavlinkUdpPair("patrol-1", 7);
        Await.until(WAIT, pair::droneHeard, () -> "heartbeat from the drone");
        transport = new MavlinkSpeakerTransport(pair, BroadcastConfig.defaults().mavlink(), scheduler);
        pair.onInbound((compid, m) -> transport.onMessage("patrol-1", compid, m));
        audit = new BroadcastAuditLog(BroadcastAuditLog.storeUrl(dir));
        audit.start();
        LinkStateDirectory directory = new LinkStateDirectory(rec.bus);
        rec.bus.publish(new DroneStatusEvent("patrol-1", LinkState.ONLINE, Clock.systemUTC().instant(), "mavlink"));
        service = new BroadcastService(BroadcastConfig.defaults(), Clock.systemUTC(), rec.bus, directory,
                List.of(transport), audit);
        service.start();
    }

    @AfterEach
    void tearDown() {
        service.close();
        audit.close();
        pair.close();
        scheduler.shutdownNow();
    }

    @Test
    void text_chineseLongerThanOneChunk_spokenWholeAndDone() throws Exception {
        String text = "您已违法停车，证据已记录，请立即驶离。".repeat(6);   // 6 * 19 chars * 3 bytes > 200 bytes
        service.submit(BroadcastRequest.text("t1", "patrol-1", text, Source.CLI)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("t1", DONE), () -> "done, got " + rec.statuses("t1"));
        assertThat(rec.statuses("t1")).containsExactly(ACCEPTED, DELIVERED, PLAYING, DONE);
        assertThat(pair.speaker.played()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("text");
            assertThat(p.content()).isEqualTo(text);
        });
        assertThat(SkypatrolSpeakerText.chunks(7, 200, 1, 80, 1, text)).hasSizeGreaterThan(1);
    }

    @Test
    void clip_commandLongUser1_ackedInProgressThenAccepted() throws Exception {
        BroadcastRequest clip = new BroadcastRequest("c1", "patrol-1", null, 4, 70, 3, false, 5, null, Source.CLI, null);
        service.submit(clip).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("c1", DONE), () -> "done, got " + rec.statuses("c1"));
        assertThat(rec.statuses("c1")).containsExactly(ACCEPTED, DELIVERED, PLAYING, DONE);
        assertThat(pair.speaker.played()).containsExactly(new Loudspeaker.Played("clip", "4", 70, 3));
        assertThat(transport.resent()).isZero();
    }

    /** FAULTS L1: lost acks are answered by re-sends with the same command, then a timeout within ~3 s. */
    @Test
    void clip_noAckAtAll_retriedThreeTimesThenTimeoutWithinBound() throws Exception {
        pair.speaker.dropNextAcks(Integer.MAX_VALUE);
        long start = System.nanoTime();
        service.submit(BroadcastRequest.clip("lost", "patrol-1", 1, Source.MQTT)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("lost", TIMEOUT), () -> "timeout, got " + rec.statuses("lost"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(pair.speaker.commandsSeen()).isEqualTo(4);       // first send + 3 retries
        assertThat(transport.resent()).isEqualTo(3);
        assertThat(pair.speaker.played()).hasSize(1);              // the drone played once, its acks were lost
        assertThat(rec.last("lost").reason()).contains("no ack after 4 transmissions");
        assertThat(audit.history("lost")).extracting(BroadcastAuditLog.Row::status).containsExactly("accepted", "timeout");
    }

    /** FAULTS L1: the first two answers lost; the retry gets through and the command completes. */
    @Test
    void text_firstAnswersLost_retryCompletesWithoutReplaying() throws Exception {
        pair.speaker.dropNextAcks(2);     // "received" and "playing" of the first copy
        service.submit(BroadcastRequest.text("t2", "patrol-1", "请靠边停车", Source.MQTT)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("t2", DONE), () -> "done, got " + rec.statuses("t2"));
        assertThat(pair.speaker.played()).hasSize(1);
        assertThat(transport.resent()).isZero();    // the "done" status arrived before the ack timer fired
    }

    @Test
    void text_ackDelayedBeyondTimeout_resentOnceAndDone() throws Exception {
        pair.speaker.dropNextAcks(3);     // received, playing, done of the first copy are all lost
        service.submit(BroadcastRequest.text("t3", "patrol-1", "hello", Source.MQTT)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("t3", DONE), () -> "done, got " + rec.statuses("t3"));
        assertThat(transport.resent()).isEqualTo(1);
        assertThat(pair.speaker.played()).hasSize(1);    // the re-send was answered from state, not replayed
    }

    /** FAULTS L2 over the wire: the same commandId twice makes the drone speak once. */
    @Test
    void duplicateCommandId_oneBroadcastOnTheWire() throws Exception {
        service.submit(BroadcastRequest.text("dup", "patrol-1", "move on", Source.MQTT)).get(5, TimeUnit.SECONDS);
        service.submit(BroadcastRequest.text("dup", "patrol-1", "move on", Source.MQTT)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("dup", DONE), () -> "done");
        assertThat(pair.speaker.played()).hasSize(1);
        assertThat(pair.speaker.commandsSeen()).isEqualTo(1);
    }

    @Test
    void preemption_urgentStopsPlayingClipAndPlays() throws Exception {
        pair.speaker.setPlayTime(Duration.ofSeconds(30));
        service.submit(BroadcastRequest.clip("long", "patrol-1", 2, Source.POLICY).withPriority(2))
                .get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> rec.reached("long", PLAYING), () -> "long playing");

        pair.speaker.setPlayTime(Duration.ZERO);
        service.submit(BroadcastRequest.text("urgent", "patrol-1", "行人请离开高速公路", Source.CLI).withPriority(9))
                .get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("urgent", DONE), () -> "urgent done, got " + rec.statuses("urgent"));
        assertThat(rec.last("long").status()).isEqualTo(FAILED);
        assertThat(rec.last("long").reason()).isEqualTo("preempted by urgent");
        assertThat(pair.speaker.played()).extracting(Loudspeaker.Played::kind).containsExactly("clip", "text");
    }
}
