package org.skypatrol.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.skypatrol.protocols.mqtt.AlertPayload.Phase;

/** The alert store on a real embedded H2 file: phases fold into one row; find by source, behaviour, time. */
class AlertStoreTest {

    @TempDir
    Path dir;

    private static AlertPayload phase(String id, String source, String behaviour, Phase phase, Instant time,
                                      Instant started, String snapshot, Double lat) {
        return AlertPayload.of(time, id, phase, behaviour, AlertPayload.Severity.HIGH, source, "z1",
                List.of(new AlertPayload.AlertObject(3, "car", new AlertPayload.BoundingBox(1, 2, 3, 4), 20.5)),
                lat == null ? null : new AlertPayload.GroundPosition(1.0, 2.0, lat, 106.27), snapshot,
                "recording:" + source + "/x/y", started);
    }

    @Test
    void phasesFoldIntoOneRow_andFindFiltersBySourceBehaviourAndStartTime() throws Exception {
        Instant t0 = Instant.parse("2026-05-01T08:00:00Z");
        try (AlertStore store = new AlertStore(AlertStore.storeUrl(dir))) {
            store.start();
            store.record(phase("a-1", "cam-1", "speeding", Phase.START, t0, t0, "evidence/a-1-start.jpg", 38.46));
            store.record(phase("a-1", "cam-1", "speeding", Phase.UPDATE, t0.plusSeconds(2), t0, null, null));
            store.record(phase("a-1", "cam-1", "speeding", Phase.UPDATE, t0.plusSeconds(4), t0, null, null));
            store.record(phase("a-1", "cam-1", "speeding", Phase.END, t0.plusSeconds(6), t0, "evidence/a-1-end.jpg", 38.47));
            store.record(phase("a-2", "cam-1", "illegal_parking", Phase.START, t0.plusSeconds(60), t0.plusSeconds(60),
                    null, null));
            store.record(phase("b-1", "cam-2", "speeding", Phase.START, t0.plusSeconds(120), t0.plusSeconds(120),
                    null, null));

            List<AlertStore.StoredAlert> a1 = store.find("cam-1", "speeding", t0, t0.plusSeconds(1));
            assertThat(a1).hasSize(1);
            AlertStore.StoredAlert r = a1.get(0);
            assertThat(r.startedAt()).isEqualTo(t0);
            assertThat(r.endedAt()).isEqualTo(t0.plusSeconds(6));
            assertThat(r.lastPhase()).isEqualTo("end");
            assertThat(r.updates()).isEqualTo(2);
            assertThat(r.snapshotRef()).isEqualTo("evidence/a-1-end.jpg");     // the latest snapshot
            assertThat(r.latitudeDeg()).isEqualTo(38.47);
            assertThat(r.severity()).isEqualTo("high");
            assertThat(r.payloadJson()).contains("\"phase\":\"end\"").contains("\"class\":\"car\"");

            assertThat(store.find("cam-1", null, t0, t0.plusSeconds(3600)))
                    .extracting(AlertStore.StoredAlert::alertId).containsExactly("a-2", "a-1");   // newest first
            assertThat(store.find(null, "speeding", t0, t0.plusSeconds(3600)))
                    .extracting(AlertStore.StoredAlert::alertId).containsExactly("b-1", "a-1");
            assertThat(store.find(null, null, t0.plusSeconds(1), t0.plusSeconds(120)))
                    .extracting(AlertStore.StoredAlert::alertId).containsExactly("a-2");       // [from, to)
            AlertStore.StoredAlert open = store.find(null, "illegal_parking", t0, t0.plusSeconds(3600)).get(0);
            assertThat(open.endedAt()).isNull();
            assertThat(open.latitudeDeg()).isNull();
        }
        // the rows survive a restart (file database)
        try (AlertStore again = new AlertStore(AlertStore.storeUrl(dir))) {
            again.start();
            assertThat(again.find(null, null, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))).hasSize(3);
        }
    }
}
