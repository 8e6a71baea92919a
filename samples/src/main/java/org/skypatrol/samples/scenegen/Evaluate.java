package org.skypatrol.samples.scenegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scores predicted alerts against a rendered library:
 * {@code Evaluate --scenes DIR [--scenes DIR2 ...] [--predicted events.jsonl] [--sanity] [--tolerance 3]
 * [--markdown FILE] [--label TEXT]}. Each scenario directory holds {@code scenario.json},
 * {@code truth.jsonl} and, once analysed, the predicted events; {@code --sanity} scores the truth
 * against itself (the evaluator's own check, F1 = 1 everywhere). A clip without predictions counts all
 * its truths as misses. Several {@code --scenes} (renders of the library with other seed offsets) are
 * pooled into one report, each clip named {@code render/clip}.
 */
public final class Evaluate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Evaluate() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> scenes = new ArrayList<>();
        String predictedName = "events.jsonl";
        boolean sanity = false;
        double tolerance = 3;
        Path markdown = null;
        String label = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenes" -> scenes.add(Path.of(args[++i]));
                case "--predicted" -> predictedName = args[++i];
                case "--sanity" -> sanity = true;
                case "--tolerance" -> tolerance = Double.parseDouble(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--label" -> label = args[++i];
                default -> {
                    System.err.println("evaluate: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (scenes.isEmpty()) {
            System.err.println("usage: Evaluate --scenes DIR [--scenes DIR ...] [--predicted NAME] [--sanity] [--tolerance S] [--markdown FILE] [--label TEXT]");
            System.exit(2);
        }
        AccuracyReport report = evaluate(scenes, sanity ? null : predictedName, tolerance);
        String title = label != null ? label : sanity ? "sanity: truth scored against itself" : "predictions: " + predictedName;
        System.out.println(title + String.format(Locale.ROOT, " (start tolerance ±%.1f s)", tolerance));
        System.out.println(report.table());
        if (markdown != null) {
            Files.writeString(markdown, markdown(report, title, tolerance));
            System.out.println("wrote " + markdown);
        }
    }

    /** Scores every scenario directory under {@code scenes}; {@code predictedName} null means the truth itself. */
    public static AccuracyReport evaluate(Path scenes, String predictedName, double tolerance) throws IOException {
        return evaluate(List.of(scenes), predictedName, tolerance);
    }

    /**
     * Scores the scenario directories under every render in {@code renders} into one report; with more
     * than one render each clip is named after its render ({@code seed-3000/speeding-positive}).
     */
    public static AccuracyReport evaluate(List<Path> renders, String predictedName, double tolerance) throws IOException {
        AccuracyReport report = new AccuracyReport();
        for (Path scenes : renders) {
            String prefix = renders.size() > 1 ? scenes.getFileName() + "/" : "";
            addRender(report, scenes, prefix, predictedName, tolerance);
        }
        return report;
    }

    private static void addRender(AccuracyReport report, Path scenes, String prefix, String predictedName,
                                  double tolerance) throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(scenes)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("scenario.json"))).sorted().toList();
        }
        if (dirs.isEmpty()) {
            throw new IOException("no scenario directories (with scenario.json) under " + scenes);
        }
        for (Path d : dirs) {
            JsonNode meta = JSON.readTree(d.resolve("scenario.json").toFile());
            List<EventRecord> truth = EventsJson.read(d.resolve("truth.jsonl"));
            List<EventRecord> predicted;
            String note = null;
            if (predictedName == null) {
                predicted = new ArrayList<>(truth);
            } else if (Files.isRegularFile(d.resolve(predictedName))) {
                predicted = EventsJson.read(d.resolve(predictedName));
            } else {
                predicted = null;
                note = "not analysed (no " + predictedName + ")";
            }
            Scenario.Polarity polarity = "positive".equals(meta.path("polarity").asText())
                    ? Scenario.Polarity.POSITIVE : Scenario.Polarity.NEAR_MISS;
            report.add(prefix + meta.path("name").asText(d.getFileName().toString()), meta.path("behaviour").asText(),
                    polarity, truth, predicted, tolerance, note);
        }
    }

    static String markdown(AccuracyReport report, String title, double tolerance) {
        return "# Accuracy per behaviour on the synthetic scenario library\n\n"
                + "Generated by `scripts/eval-behaviours.sh` (see docs/scenegen.md for how it is measured). "
                + "Source: " + title + ". A predicted `start` matches a true one of the same behaviour, in the same zone "
                + "for zone-based rules, within ±" + String.format(Locale.ROOT, "%.1f", tolerance) + " s; every other "
                + "predicted start is a false positive of the behaviour it names, every unmatched true start a miss. "
                + "The floor in issue 5 is F1 >= 0.9 for every behaviour: a report, not a test.\n\n"
                + report.table() + "\n## Per clip\n\n" + report.details();
    }
}
