package org.skypatrol.analytics.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventsWriterTest {

    @Test
    void write_startAndEnd_contractFieldsAndClassName_updatesLeftOutOfFile() throws Exception {
        StringWriter sw = new StringWriter();
        AlertObject car = new AlertObject(7, "car", List.of(412, 300, 88, 52), 0.0, List.of(3.0, 40.0), null, null);
        try (EventsWriter w = new EventsWriter(sw, false)) {
            w.write(new AlertEvent("cam-1", "cam", "illegal_parking", Phase.START, 62.4, 1560, "np-1", "medium",
                    List.of(car), null, null, null, null, "stationary 61 s"));
            w.write(new AlertEvent("cam-1", "cam", "illegal_parking", Phase.UPDATE, 63, 1575, "np-1", "medium",
                    List.of(car), null, null, null, null, null));
            w.write(new AlertEvent("cam-1", "cam", "illegal_parking", Phase.END, 90, 2250, "np-1", "medium",
                    List.of(car), null, null, null, null, null));
        }
        String[] lines = sw.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"behaviour\":\"illegal_parking\",\"phase\":\"start\",\"videoTimeSeconds\":62.4,"
                + "\"frame\":1560,\"zoneId\":\"np-1\",\"objects\":[{\"trackId\":7,\"class\":\"car\",\"bbox\":[412,300,88,52]");
        assertThat(lines[0]).doesNotContain("\"lat\"");
        AlertEvent back = EventsWriter.fromJson(lines[1]);
        assertThat(back.phase()).isEqualTo(Phase.END);
        assertThat(back.objects().get(0).cls()).isEqualTo("car");
    }
}
