package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.events.CameraStatusEvent.State;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;

/** Evidence export locked against retention with a verifiable manifest; the replay HTTP API with Range. */
class EvidenceAndHttpTest {

    @TempDir
    Path data;

    private static final ObjectMapper JSON = new ObjectMapper();

    private List<RecordingStore.Segment> record(RecordingStore store, String source) throws Exception {
        VideoHub hub = new VideoHub(new VideoConfig.Recording(true, 2, 1, 0, 0), data.resolve("recordings"), store,
                new EventBus(), Clock.systemUTC(), Duration.ofSeconds(1));
        hub.start();
        SourceSupervisor s = new SourceSupervisor(new VideoConfig.Source(source,
                VideoTestSupport.clip(5, 320, 240, 25).toString(), false, false, "dr1", 2), hub,
                Duration.ofMillis(100), Duration.ofSeconds(1));
        s.start();
        VideoTestSupport.await(Duration.ofSeconds(20), () -> s.feed().state() == State.STOPPED && s.feed().idle(),
                "file recorded");
        s.close();
        hub.close();
        return store.segments(source, Instant.EPOCH, Instant.now().plusSeconds(3600));
    }

    @Test
    void evidence_lockedAgainstRetention_manifestHashesMatchFiles() throws Exception {
        try (RecordingStore store = RecordingStore.open(data)) {
            List<RecordingStore.Segment> segs = record(store, "f3");
            assertThat(segs).hasSizeGreaterThanOrEqualTo(3);
            Instant t0 = segs.get(0).start();
            Path snapshot = Files.write(data.resolve("snap.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
            EvidenceExporter ev = new EvidenceExporter(store, data.resolve("evidence"), "gw-t", Duration.ZERO,
                    Duration.ZERO, Clock.systemUTC());
            EvidenceExporter.Manifest m = ev.export("alert-1", "illegal_parking", "f3", t0.plusMillis(500),
                    t0.plusMillis(1500), 38.47, 106.27, snapshot);
            Path dir = data.resolve("evidence/alert-1");
            assertThat(m.clip().sha256()).isEqualTo(Hashing.sha256(dir.resolve("clip.mp4")));
            assertThat(m.snapshot().sha256()).isEqualTo(Hashing.sha256(dir.resolve("snapshot.jpg")));
            JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
            assertThat(manifest.get("gatewayId").asText()).isEqualTo("gw-t");
            assertThat(manifest.get("latitudeDeg").asDouble()).isEqualTo(38.47);
            assertThat(manifest.get("clip").get("sha256").asText()).isEqualTo(m.clip().sha256());
            assertThat(VideoTestSupport.probe(dir.resolve("clip.mp4")).codec()).isEqualTo("h264");

            // retention an hour later with a zero age limit deletes everything except the locked evidence
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
            int deleted = new RetentionService(new VideoConfig.Recording(true, 2, 0, 0, 0), store, later).runOnce();
            List<RecordingStore.Segment> left = store.segments("f3");
            assertThat(left).isNotEmpty().allMatch(RecordingStore.Segment::protectedEvidence);
            assertThat(deleted).isEqualTo(segs.size() - left.size()).isPositive();
            assertThat(left).allMatch(s -> Files.exists(s.path()));
        }
    }

    @Test
    void httpApi_recordingsClipWithRangesAndTrack() throws Exception {
        try (RecordingStore store = RecordingStore.open(data)) {
            List<RecordingStore.Segment> segs = record(store, "f4");
            Instant t0 = segs.get(0).start();
            Instant end = segs.get(segs.size() - 1).end();
            store.addTrack(List.of(
                    new RecordingStore.TrackPoint("dr1", t0.plusSeconds(1), 38.47, 106.27, 1200.0, 80.0, 90.0),
                    new RecordingStore.TrackPoint("dr1", t0.plusSeconds(2), 38.471, 106.271, 1201.0, 81.0, 91.0),
                    new RecordingStore.TrackPoint("dr1", t0.plusSeconds(3), 38.472, 106.272, null, null, null)));
            ReplayHttpServer http = new ReplayHttpServer("127.0.0.1", 0, store, data.resolve("cache"));
            http.start();
            try {
                HttpClient client = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + http.port() + "/api/video/";
                String range = "source=f4&from=" + t0 + "&to=" + end;
                HttpResponse<String> rec = client.send(HttpRequest.newBuilder(URI.create(base + "recordings?" + range)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(rec.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(rec.body()).get("segments").size()).isEqualTo(segs.size());

                HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(URI.create(base + "clip.mp4?" + range)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(whole.statusCode()).isEqualTo(200);
                assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
                int n = whole.body().length;
                Path got = Files.write(data.resolve("got.mp4"), whole.body());
                assertThat(VideoTestSupport.probe(got).frames()).isEqualTo(125);

                HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(URI.create(base + "clip.mp4?" + range))
                        .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(part.statusCode()).isEqualTo(206);
                assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + n);
                assertThat(part.body()).containsExactly(java.util.Arrays.copyOfRange(whole.body(), 100, 200));
                HttpResponse<byte[]> beyond = client.send(HttpRequest.newBuilder(URI.create(base + "clip.mp4?" + range))
                        .header("Range", "bytes=" + n + "-").build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(beyond.statusCode()).isEqualTo(416);

                HttpResponse<String> track = client.send(HttpRequest.newBuilder(URI.create(base + "track.geojson?drone=dr1&from="
                        + t0 + "&to=" + end.plusSeconds(10))).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode geo = JSON.readTree(track.body()).get("features").get(0);
                assertThat(geo.get("geometry").get("type").asText()).isEqualTo("LineString");
                assertThat(geo.get("geometry").get("coordinates")).hasSize(3);
                assertThat(geo.get("geometry").get("coordinates").get(0).get(0).asDouble()).isEqualTo(106.27); // lon first
                HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create(base + "recordings?source=f4")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(bad.statusCode()).isEqualTo(400);
            } finally {
                http.close();
            }
        }
    }
}
