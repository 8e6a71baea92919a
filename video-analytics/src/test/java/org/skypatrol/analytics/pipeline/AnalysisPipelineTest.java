package org.skypatrol.analytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.analytics.detect.ClassicalDetector;
import org.skypatrol.analytics.detect.ClassicalSettings;
import org.skypatrol.analytics.events.AlertEvent;
import org.skypatrol.analytics.events.Phase;
import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.frame.FileFrameSource;
import org.skypatrol.analytics.frame.TestClips;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.analytics.track.TrackerSettings;

/** The whole pipeline on a real H.264 clip decoded by FFmpeg: classical detector, tracker, rules, evidence. */
class AnalysisPipelineTest {

    static final String SCENE = """
            id: box-cam
            camera:
              type: fixed
              width: 320
              height: 240
              calibration:        # 5 cm per pixel, straight down
                - {pixel: [0, 240], ground: [0, 0]}
                - {pixel: [320, 240], ground: [16, 0]}
                - {pixel: [320, 0], ground: [16, 12]}
                - {pixel: [0, 0], ground: [0, 12]}
            zones:
              - {id: yard, kind: restricted, pixels: [[200, 0], [320, 0], [320, 240], [200, 240]]}
            """;

    @Test
    void movingBox_oneStableTrackAt3mps_intrusionAlertWithEvidence(@TempDir Path dir) throws Exception {
        Path clip = TestClips.movingBox(dir, 5, 60);             // 60 px/s = 3 m/s east
        List<AlertEvent> events = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        List<Double> speeds = new ArrayList<>();
        var options = new PipelineOptions(dir.resolve("evidence"), null, TrackerSettings.defaults());
        try (FileFrameSource src = new FileFrameSource(clip, 5);
             AnalysisPipeline p = new AnalysisPipeline(SceneParser.parse("s", SCENE),
                     new ClassicalDetector(ClassicalSettings.defaults(false)), options, events::add)) {
            var result = VideoAnalysis.run(src, p, PoseSource.none(), FrameQueue.Policy.BLOCK, (r, f) -> {
                r.tracks().forEach(t -> ids.add(t.id()));
                r.tracks().stream().filter(t -> r.timeSeconds() > 2).forEach(t -> speeds.add(t.speedMps()));
            });
            assertThat(result.framesAnalysed()).isEqualTo(25);
            assertThat(result.sourceError()).isNull();
            assertThat(p.timings().meanMillis(StageTimings.Stage.DETECT)).isPositive();
        }
        assertThat(ids).hasSize(1);
        assertThat(speeds.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).isCloseTo(3.0, within(0.5));
        AlertEvent start = events.stream().filter(e -> e.phase() == Phase.START).findFirst().orElseThrow();
        assertThat(start.behaviour()).isEqualTo("restricted_area_intrusion");
        assertThat(start.zoneId()).isEqualTo("yard");
        assertThat(start.videoTimeSeconds()).isBetween(2.6, 3.8);   // the box's centre crosses x=200 at ~2.9 s
        int left = start.objects().get(0).bbox().get(0);
        assertThat(left).isBetween((int) (20 + 60 * start.videoTimeSeconds()) - 12, (int) (20 + 60 * start.videoTimeSeconds()) + 12);
        assertThat(Files.size(Path.of(start.snapshot()))).isPositive();
        assertThat(events).anyMatch(e -> e.phase() == Phase.END);
    }

    /**
     * A break in the video (AnalysisFrame#stream changes: a loop, a reconnect, a new publisher) starts
     * the analysis afresh: the open intrusion alert ends at the last frame before the break, the box's
     * track is forgotten (ids go on counting) and the background is learnt again. The same frames as
     * one unbroken stream keep the alert open and the track's id.
     */
    @Test
    void streamBreak_endsOpenAlertsAndForgetsTracks_unbrokenStreamDoesNot(@TempDir Path dir) throws Exception {
        Path clip = TestClips.movingBox(dir, 5, 60);             // enters the yard at ~2.9 s
        double breakAt = 4.0;
        for (boolean broken : new boolean[] {false, true}) {
            List<AlertEvent> events = new ArrayList<>();
            Set<Integer> before = new HashSet<>();
            Set<Integer> after = new HashSet<>();
            var options = new PipelineOptions(null, null, TrackerSettings.defaults());
            FrameQueue queue = new FrameQueue(1000, FrameQueue.Policy.BLOCK);
            try (FileFrameSource src = new FileFrameSource(clip, 5)) {
                for (var f = src.next(); f.isPresent(); f = src.next()) {
                    AnalysisFrame a = f.get();
                    int stream = broken && a.timeSeconds() >= breakAt ? 1 : 0;
                    queue.put(new AnalysisFrame(a.index(), a.timeSeconds(), a.bgr(), stream));
                }
            }
            queue.close();
            try (AnalysisPipeline p = new AnalysisPipeline(SceneParser.parse("s", SCENE),
                    new ClassicalDetector(ClassicalSettings.defaults(false)), options, events::add)) {
                AnalysisLoop.run(queue, p, PoseSource.none(), new AnalysisLoop.Hooks() {
                    @Override
                    public void after(java.util.Optional<FrameResult> r, AnalysisFrame f) {
                        r.ifPresent(x -> x.tracks().forEach(t -> (x.timeSeconds() < breakAt ? before : after).add(t.id())));
                    }
                });
                assertThat(p.restarts()).isEqualTo(broken ? 1 : 0);
            }
            AlertEvent start = events.stream().filter(e -> e.phase() == Phase.START).findFirst().orElseThrow();
            assertThat(start.videoTimeSeconds()).isLessThan(breakAt);
            var endedBeforeBreak = events.stream().filter(e -> e.phase() == Phase.END && e.alertId().equals(start.alertId())
                    && e.videoTimeSeconds() < breakAt).toList();
            assertThat(before).isNotEmpty();
            if (broken) {
                assertThat(endedBeforeBreak).as("the open alert ends at the break").hasSize(1);
                assertThat(after).as("no track survives the break").doesNotContainAnyElementsOf(before);
            } else {
                assertThat(endedBeforeBreak).isEmpty();
                assertThat(after).containsAnyElementsOf(before);
            }
        }
    }
}
