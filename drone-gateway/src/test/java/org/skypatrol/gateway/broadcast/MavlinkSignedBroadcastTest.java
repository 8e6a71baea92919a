package org.skypatrol.gateway.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.ACCEPTED;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.DELIVERED;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.DONE;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.PLAYING;
import static org.skypatrol.protocols.mqtt.CommandResultPayload.Status.TIMEOUT;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.broadcast.BroadcastRequest.Source;
import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.gateway.testing.Await;
import org.skypatrol.protocols.mavlink.CommandLong;
import org.skypatrol.protocols.mavlink.MavlinkCounter;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;

/** The loudspeaker protocol over a MAVLink 2 signed link (both directions signed, unsigned dropped). */
class MavlinkSignedBroadcastTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingBus rec = new RecordingBus();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private MavlinkUdpPair pair;
    private MavlinkSpeakerTransport transport;
    private BroadcastService service;

    @BeforeEach
    void setUp() throws Exception {
        pair = new MavlinkUdpPair("patrol-2", 8, MavlinkSigningKey.fromPassphrase("skypatrol test key"));
        Await.until(WAIT, pair::droneHeard, () -> "signed heartbeat from the drone");
        transport = new MavlinkSpeakerTransport(pair, BroadcastConfig.defaults().mavlink(), scheduler);
        pair.onInbound((compid, m) -> transport.onMessage("patrol-2", compid, m));
        LinkStateDirectory directory = new LinkStateDirectory(rec.bus);
        rec.bus.publish(new DroneStatusEvent("patrol-2", LinkState.ONLINE, Clock.systemUTC().instant(), "mavlink"));
        service = new BroadcastService(BroadcastConfig.defaults(), Clock.systemUTC(), rec.bus, directory,
                List.of(transport), null);
        service.start();
    }

    @AfterEach
    void tearDown() {
        service.close();
        pair.close();
        scheduler.shutdownNow();
    }

    @Test
    void signedLink_textAndClip_done() throws Exception {
        service.submit(BroadcastRequest.text("s1", "patrol-2", "证据已记录，请驶离", Source.CLI)).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> rec.reached("s1", DONE), () -> "text done, got " + rec.statuses("s1"));
        service.submit(BroadcastRequest.clip("s2", "patrol-2", 5, Source.CLI)).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> rec.reached("s2", DONE), () -> "clip done, got " + rec.statuses("s2"));

        assertThat(rec.statuses("s1")).containsExactly(ACCEPTED, DELIVERED, PLAYING, DONE);
        assertThat(pair.signedTimestampsAtDrone).hasSize(pair.framesToDrone.get());    // every frame signed
        assertThat(pair.gatewayCounters.get(MavlinkCounter.BAD_SIGNATURE)).isZero();
    }

    /** FAULTS L1 on a signed link: each retry carries the same command and a higher signing timestamp. */
    @Test
    void signedLink_lostAcks_retriesHaveIncreasingTimestampsThenTimeout() throws Exception {
        pair.speaker.dropNextAcks(Integer.MAX_VALUE);
        service.submit(BroadcastRequest.clip("s3", "patrol-2", 1, Source.CLI)).get(5, TimeUnit.SECONDS);

        Await.until(WAIT, () -> rec.reached("s3", TIMEOUT), () -> "timeout, got " + rec.statuses("s3"));
        List<Long> ts = new ArrayList<>(pair.signedTimestampsAtDrone);
        assertThat(pair.speaker.commandsSeen()).isEqualTo(4);
        assertThat(ts).hasSize(4).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void signedLink_unsignedCommand_droppedByTheDrone() throws Exception {
        pair.sendUnsigned(new CommandLong(8, 200, MavlinkSpeakerTransport.CMD_PLAY_CLIP, 0, 1, 80, 1, 0, 0, 0, 0));
        Await.until(WAIT, () -> pair.droneCounters.get(MavlinkCounter.UNSIGNED_REJECTED) == 1,
                () -> "unsigned frame rejected");
        assertThat(pair.speaker.commandsSeen()).isZero();
    }
}
