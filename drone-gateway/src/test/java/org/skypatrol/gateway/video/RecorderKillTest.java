package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.store.RecordingStore;

/** FAULTS V10: SIGKILL of the recorder mid-segment; every closed segment plays, the open one is recovered. */
class RecorderKillTest {

    @TempDir
    Path data;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> s = Files.walk(data.resolve("recordings"))) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Test
    void sigkillDuringRecording_closedSegmentsPlay_openOneRecoveredOnRestart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback-test.xml", RecorderChild.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(child);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).startsWith("PORT ");
        Process ffmpeg = VideoTestSupport.publish(VideoTestSupport.clip(5, 320, 240, 25),
                "rtsp://127.0.0.1:" + line.substring(5).trim() + "/drones/k1");
        processes.add(ffmpeg);
        VideoTestSupport.await(Duration.ofSeconds(20), () -> files(".ts").size() >= 2 && !files(".ts.part").isEmpty(),
                "two closed segments and an open one");
        child.destroyForcibly().waitFor(); // SIGKILL mid-segment
        ffmpeg.destroyForcibly().waitFor();

        List<Path> closed = files(".ts");
        for (Path ts : closed) {
            assertThat(VideoTestSupport.decodeErrors(ts)).as(ts.toString()).isEmpty();
            assertThat(VideoTestSupport.probe(ts).frames()).isPositive();
        }
        assertThat(files(".ts.part")).hasSize(1);
        try (RecordingStore store = RecordingStore.open(data)) {
            int recovered = RecordingRecovery.recover(data.resolve("recordings"), store);
            assertThat(recovered).isGreaterThanOrEqualTo(1);
            List<RecordingStore.Segment> segs = store.segments("k1", Instant.EPOCH, Instant.now().plusSeconds(60));
            assertThat(segs).hasSize(closed.size() + 1);
            for (RecordingStore.Segment s : segs) {
                assertThat(Hashing.sha256(s.path())).isEqualTo(s.sha256());
                assertThat(VideoTestSupport.probe(s.path()).frames()).as(s.path().toString()).isPositive();
            }
        }
        assertThat(files(".ts.part")).isEmpty();
    }
}
