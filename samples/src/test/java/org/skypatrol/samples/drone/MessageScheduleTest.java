package org.skypatrol.samples.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MessageScheduleTest {

    @Test
    void due_regularTicks_sendAtTheRate() {
        MessageSchedule s = new MessageSchedule().add(33, 10, 0.005).add(0, 1, 0.005);
        List<Integer> sent = new ArrayList<>();
        for (int tick = 0; tick < 200; tick++) { // 2 s of 10 ms ticks
            s.due(tick * 0.01, sent::add);
        }
        assertThat(sent.stream().filter(id -> id == 33)).hasSize(20);
        assertThat(sent.stream().filter(id -> id == 0)).hasSize(2);
    }

    @Test
    void due_lateTick_catchesUpAtMostOneSecond() {
        MessageSchedule s = new MessageSchedule().add(33, 10, 0);
        List<Integer> sent = new ArrayList<>();
        s.due(0.45, sent::add);   // 0, 0.1, 0.2, 0.3, 0.4 fell due
        assertThat(sent).hasSize(5);
        sent.clear();
        s.due(10.0, sent::add);   // a 9.5 s stall: only the last second is sent
        assertThat(sent).hasSize(11);
    }

    @Test
    void setInterval_stopAndDefaultAndUnknown() {
        MessageSchedule s = new MessageSchedule().add(33, 10, 0);
        assertThat(s.setInterval(33, -1)).isTrue();
        assertThat(s.intervalSeconds(33)).isInfinite();
        assertThat(s.setInterval(33, 0)).isTrue();
        assertThat(s.intervalSeconds(33)).isEqualTo(0.1);
        assertThat(s.setInterval(33, 250_000)).isTrue();
        assertThat(s.intervalSeconds(33)).isEqualTo(0.25);
        assertThat(s.setInterval(999, 1)).isFalse();
    }
}
