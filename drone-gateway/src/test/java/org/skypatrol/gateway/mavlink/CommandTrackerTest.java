package org.skypatrol.gateway.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandTrackerTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final CommandTracker tracker = new CommandTracker(scheduler, Duration.ofMillis(30), 2);
    private final List<String> wire = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void send_ackAccepted_completesAfterOneTransmission() throws Exception {
        CommandTracker tracker = new CommandTracker(scheduler, Duration.ofSeconds(30), 2);
        CompletableFuture<CommandOutcome> f = tracker.send("d1", 511, c -> wire.add("511#" + c));
        assertThat(tracker.onAck("d1", 511, 0)).isTrue();
        CommandOutcome o = f.get(1, TimeUnit.SECONDS);
        assertThat(o.accepted()).isTrue();
        assertThat(o.attempts()).isEqualTo(1);
        assertThat(wire).containsExactly("511#0");
    }

    @Test
    void send_noAck_retriesWithIncreasingConfirmationThenTimesOut() throws Exception {
        CommandOutcome o = tracker.send("d1", 511, c -> wire.add("511#" + c)).get(2, TimeUnit.SECONDS);
        assertThat(o.status()).isEqualTo(CommandOutcome.Status.TIMEOUT);
        assertThat(o.attempts()).isEqualTo(3);
        assertThat(wire).containsExactly("511#0", "511#1", "511#2");
        assertThat(tracker.timedOut()).isEqualTo(1);
        assertThat(tracker.retried()).isEqualTo(2);
    }

    @Test
    void send_sameCommandTwice_secondWaitsForFirstAck() throws Exception {
        // a timeout no loaded machine reaches, so only the acks drive this test
        CommandTracker tracker = new CommandTracker(scheduler, Duration.ofSeconds(30), 2);
        CompletableFuture<CommandOutcome> first = tracker.send("d1", 511, c -> wire.add("a#" + c));
        CompletableFuture<CommandOutcome> second = tracker.send("d1", 511, c -> wire.add("b#" + c));
        CompletableFuture<CommandOutcome> other = tracker.send("d2", 511, c -> wire.add("c#" + c));
        assertThat(wire).containsExactly("a#0", "c#0");
        tracker.onAck("d1", 511, 4);
        assertThat(first.get(1, TimeUnit.SECONDS).result()).isEqualTo(4);
        assertThat(wire).containsExactly("a#0", "c#0", "b#0");
        tracker.onAck("d1", 511, 0);
        tracker.onAck("d2", 511, 0);
        assertThat(second.get(1, TimeUnit.SECONDS).accepted()).isTrue();
        assertThat(other.get(1, TimeUnit.SECONDS).accepted()).isTrue();
    }

    @Test
    void onAck_nothingInFlight_isCountedNotThrown() {
        assertThat(tracker.onAck("d9", 400, 0)).isFalse();
        assertThat(tracker.unexpectedAcks()).isEqualTo(1);
    }
}
