package org.skypatrol.samples.scenegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator over rendered directories: one render, and several renders pooled into one report. */
class EvaluateTest {

    @TempDir
    Path tmp;

    /** Writes one scenario directory: its metadata, its truth and (when given) the analysed events. */
    private static void clip(Path render, String name, String behaviour, String polarity, String truth, String events)
            throws IOException {
        Path d = Files.createDirectories(render.resolve(name));
        Files.writeString(d.resolve("scenario.json"),
                "{\"name\":\"" + name + "\",\"behaviour\":\"" + behaviour + "\",\"polarity\":\"" + polarity + "\"}");
        Files.writeString(d.resolve("truth.jsonl"), truth);
        if (events != null) {
            Files.writeString(d.resolve("events.jsonl"), events);
        }
    }

    private static String start(String behaviour, double t) {
        return "{\"behaviour\":\"" + behaviour + "\",\"phase\":\"start\",\"videoTimeSeconds\":" + t + ",\"frame\":1}\n";
    }

    @Test
    void severalRenders_arePooled_andEachClipNamesItsRenderAndWhatWentWrong() throws IOException {
        Path a = tmp.resolve("seed-3000");
        Path b = tmp.resolve("seed-4000");
        clip(a, "speeding-positive", "speeding", "positive", start("speeding", 2.5), start("speeding", 3.0));
        clip(b, "speeding-positive", "speeding", "positive", start("speeding", 2.5), start("speeding", 6.0));
        clip(b, "speeding-near_miss", "speeding", "near_miss", "", start("truck_lane_violation", 7.2));

        AccuracyReport report = Evaluate.evaluate(List.of(a, b), "events.jsonl", 3);

        AccuracyReport.Row speeding = report.row("speeding");
        assertThat(speeding.tp()).isEqualTo(1);
        assertThat(speeding.fp()).as("the late start in the second render").isEqualTo(1);
        assertThat(speeding.fn()).isEqualTo(1);
        assertThat(speeding.nearMissClean()).isEqualTo(1);
        assertThat(report.row("truck_lane_violation").fp()).as("a false alarm counts against what it claims").isEqualTo(1);
        assertThat(report.clips()).extracting(AccuracyReport.ClipLine::clip).containsExactly(
                "seed-3000/speeding-positive", "seed-4000/speeding-near_miss", "seed-4000/speeding-positive");
        assertThat(report.clips().get(0).note()).isNull();
        assertThat(report.clips().get(1).note()).isEqualTo("FP truck_lane_violation@7.2 s");
        assertThat(report.clips().get(2).note()).isEqualTo("FP speeding@6.0 s; FN speeding@2.5 s");
    }

    @Test
    void oneRender_keepsPlainClipNames_andAnUnanalysedClipMissesItsTruth() throws IOException {
        Path a = tmp.resolve("scenes");
        clip(a, "road_debris-positive", "road_debris", "positive", start("road_debris", 9.3), null);

        AccuracyReport report = Evaluate.evaluate(a, "events.jsonl", 3);

        assertThat(report.row("road_debris").fn()).isEqualTo(1);
        assertThat(report.clips()).singleElement().satisfies(c -> {
            assertThat(c.clip()).isEqualTo("road_debris-positive");
            assertThat(c.note()).startsWith("not analysed");
        });
    }
}
