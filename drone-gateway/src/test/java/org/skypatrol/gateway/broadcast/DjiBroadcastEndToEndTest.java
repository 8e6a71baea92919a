package org.skypatrol.gateway.broadcast;

import org.skypatrol.gateway.testing.Mosquitto;

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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.broadcast.BroadcastRequest.Source;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.dji.speaker.SpeakerMethod;
import org.skypatrol.samples.dji.DjiSpeakerSimulator;

/** Broadcasts to a simulated DJI dock through a real Mosquitto on loopback. */
class DjiBroadcastEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(8);
    private static final String DOCK = "DOCK-7";

    @TempDir
    static Path brokerDir;
    @TempDir
    Path dir;

    private static Mosquitto broker;
    private final RecordingBus rec = new RecordingBus();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private DjiSpeakerSimulator dock;
    private PahoDjiSpeakerLink link;
    private DjiSpeakerTransport transport;
    private BroadcastService service;
    private BroadcastAuditLog audit;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.plain(brokerDir).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        dock = new DjiSpeakerSimulator(broker.url(), DOCK);
        dock.start();
        BroadcastConfig d = BroadcastConfig.defaults();
        BroadcastConfig.Dji dji = new BroadcastConfig.Dji(2, 300, 2, List.of(new BroadcastConfig.Clip(3, "move-on",
                "http://127.0.0.1:8080/clips/move-on.pcm", "b38257017001f45ec064b5157b2e4416")));
        link = new PahoDjiSpeakerLink(broker::url, "gw-speaker-" + System.nanoTime(), DOCK::equals);
        transport = new DjiSpeakerTransport(link, dji, scheduler, Clock.systemUTC());
        link.attach(transport);
        link.start();
        audit = new BroadcastAuditLog(BroadcastAuditLog.storeUrl(dir));
        audit.start();
        LinkStateDirectory directory = new LinkStateDirectory(rec.bus);
        rec.bus.publish(new DroneStatusEvent(DOCK, LinkState.ONLINE, Clock.systemUTC().instant(), "dji"));
        service = new BroadcastService(d, Clock.systemUTC(), rec.bus, directory, List.of(transport), audit);
        service.start();
    }

    @AfterEach
    void tearDown() {
        service.close();
        audit.close();
        link.close();
        dock.close();
        scheduler.shutdownNow();
    }

    @Test
    void tts_setsVolumeAndModeThenPlays_allStatesInOrder() throws Exception {
        service.submit(BroadcastRequest.text("d1", DOCK, "请勿占用应急车道", Source.MQTT)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("d1", DONE), () -> "done, got " + rec.statuses("d1"));
        assertThat(rec.statuses("d1")).containsExactly(ACCEPTED, DELIVERED, PLAYING, DONE);
        assertThat(dock.received()).extracting(DjiSpeakerSimulator.Received::method).containsExactly(
                SpeakerMethod.PLAY_VOLUME_SET, SpeakerMethod.PLAY_MODE_SET, SpeakerMethod.TTS_PLAY_START);
        assertThat(dock.received()).extracting(DjiSpeakerSimulator.Received::bid).containsOnly(dock.received().get(0).bid());
        DjiSpeakerSimulator.Received tts = dock.received().get(2);
        assertThat(tts.data().path("psdk_index").asInt()).isEqualTo(2);
        assertThat(tts.data().path("tts").path("text").asText()).isEqualTo("请勿占用应急车道");
        assertThat(tts.data().path("tts").path("md5").asText()).hasSize(32);
        assertThat(dock.received().get(0).data().path("play_volume").asInt()).isEqualTo(80);

        // same volume and mode next time: only the TTS service
        service.submit(BroadcastRequest.text("d2", DOCK, "谢谢配合", Source.MQTT)).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> rec.reached("d2", DONE), () -> "second done");
        assertThat(dock.received()).hasSize(4);
        assertThat(dock.received().get(3).method()).isEqualTo(SpeakerMethod.TTS_PLAY_START);
    }

    @Test
    void progressSpelledSuccess_asInDjiExample_meansDone() throws Exception {
        dock.setFinishedStatus("success");
        service.submit(BroadcastRequest.text("s1", DOCK, "move on", Source.MQTT)).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> rec.reached("s1", DONE), () -> "done, got " + rec.statuses("s1"));
    }

    /** FAULTS L1 over DJI: lost services_reply → re-sent with a fresh tid, same bid, then timeout. */
    @Test
    void noServicesReply_retriedWithFreshTidThenTimeout() throws Exception {
        dock.dropNextReplies(Integer.MAX_VALUE);
        long start = System.nanoTime();
        service.submit(BroadcastRequest.text("lost", DOCK, "hello", Source.MQTT)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("lost", TIMEOUT), () -> "timeout, got " + rec.statuses("lost"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        List<DjiSpeakerSimulator.Received> got = dock.received();
        assertThat(got).hasSize(3);                                          // 1 + 2 retries
        assertThat(got).extracting(DjiSpeakerSimulator.Received::method).containsOnly(SpeakerMethod.PLAY_VOLUME_SET);
        assertThat(got).extracting(DjiSpeakerSimulator.Received::tid).doesNotHaveDuplicates();
        assertThat(got).extracting(DjiSpeakerSimulator.Received::bid).containsOnly(got.get(0).bid());
        assertThat(rec.last("lost").reason()).contains("no services_reply to speaker_play_volume_set");
        assertThat(transport.retried()).isEqualTo(2);
    }

    @Test
    void firstReplyLost_retryCompletes() throws Exception {
        dock.dropNextReplies(1);
        service.submit(BroadcastRequest.text("r1", DOCK, "hello", Source.MQTT)).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> rec.reached("r1", DONE), () -> "done, got " + rec.statuses("r1"));
        assertThat(transport.retried()).isEqualTo(1);
    }

    @Test
    void nonZeroResult_failsWithTheCode() throws Exception {
        dock.setResult(314001);
        service.submit(BroadcastRequest.text("f1", DOCK, "hello", Source.MQTT)).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> rec.reached("f1", FAILED), () -> "failed, got " + rec.statuses("f1"));
        assertThat(rec.last("f1").reason()).isEqualTo("speaker_play_volume_set result 314001");
    }

    @Test
    void clip_configuredPlaysAudio_unconfiguredFails() throws Exception {
        service.submit(BroadcastRequest.clip("c3", DOCK, 3, Source.CLI)).get(5, TimeUnit.SECONDS);
        service.submit(BroadcastRequest.clip("c9", DOCK, 9, Source.CLI)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("c3", DONE) && rec.reached("c9", FAILED), () -> "both ended");
        assertThat(rec.last("c9").reason()).contains("clip 9 is not configured");
        assertThat(dock.spoken()).containsExactly("move-on");
        assertThat(dock.received()).filteredOn(r -> r.method().equals(SpeakerMethod.AUDIO_PLAY_START))
                .singleElement().satisfies(r -> {
                    assertThat(r.data().path("file").path("format").asText()).isEqualTo("pcm");
                    assertThat(r.data().path("file").path("url").asText()).endsWith("move-on.pcm");
                });
    }

    /** FAULTS L2 over DJI: a repeated command id does not reach the dock twice. */
    @Test
    void duplicateCommandId_oneTtsOnTheDock() throws Exception {
        service.submit(BroadcastRequest.text("dup", DOCK, "move on", Source.MQTT)).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> rec.reached("dup", DONE), () -> "done");
        assertThat(service.submit(BroadcastRequest.text("dup", DOCK, "move on", Source.MQTT)).get(5, TimeUnit.SECONDS)
                .status()).isEqualTo(DONE);
        assertThat(dock.spoken()).hasSize(1);
    }

    @Test
    void preemption_sendsStopThenNewTts() throws Exception {
        dock.setPlayTime(Duration.ofSeconds(30));
        service.submit(BroadcastRequest.text("low", DOCK, "routine", Source.POLICY).withPriority(1)).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> rec.reached("low", PLAYING), () -> "low playing");
        dock.setPlayTime(Duration.ZERO);
        service.submit(BroadcastRequest.text("high", DOCK, "urgent", Source.CLI).withPriority(9)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("high", DONE), () -> "high done, got " + rec.statuses("high"));
        assertThat(rec.last("low").status()).isEqualTo(FAILED);
        assertThat(dock.received()).extracting(DjiSpeakerSimulator.Received::method).contains(SpeakerMethod.PLAY_STOP);
    }
}
