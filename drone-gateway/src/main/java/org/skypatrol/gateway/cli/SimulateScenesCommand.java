package org.skypatrol.gateway.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.skypatrol.samples.scenegen.Main;
import org.skypatrol.samples.scenegen.Scenario;
import org.skypatrol.samples.scenegen.ScenarioLibrary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skypatrol simulate scenes}: renders the synthetic scenario library (docs/scenegen.md) —
 * per clip a video, its scene file, the ground-truth alerts and, for drone clips, the telemetry.
 * A subcommand of {@code simulate}.
 */
@Command(name = "scenes", mixinStandardHelpOptions = true,
        description = "Render the synthetic scenario library with ground truth (video.mp4, scene.yaml, truth.jsonl, "
                + "telemetry.jsonl for drone clips) for measuring the analytics (scripts/eval-behaviours.sh).")
final class SimulateScenesCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "output folder, one sub-folder per clip")
    Path out;

    @Option(names = "--only", paramLabel = "BEHAVIOUR", description = "only the clips about this behaviour (e.g. illegal_parking)")
    String only;

    @Option(names = "--list", description = "list the clips and what each shows, render nothing")
    boolean list;

    @Option(names = "--jobs", defaultValue = "2", description = "clips rendered in parallel (default ${DEFAULT-VALUE})")
    int jobs;

    @Override
    public Integer call() {
        List<Scenario> scenarios;
        try {
            scenarios = ScenarioLibrary.only(only);
        } catch (IllegalArgumentException e) {
            System.err.println("skypatrol simulate scenes: " + e.getMessage());
            return 2;
        }
        if (list) {
            scenarios.forEach(s -> System.out.println(s.name() + "\t" + s.description()));
            return 0;
        }
        if (out == null) {
            System.err.println("skypatrol simulate scenes: --out DIR is required (or --list)");
            return 2;
        }
        return Main.renderAll(scenarios, out, System.out, jobs);
    }
}
