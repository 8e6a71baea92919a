package org.skypatrol.samples.scenegen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders the scenario library: {@code Main --out DIR [--only BEHAVIOUR] [--list]}. The same job as
 * {@code skypatrol simulate scenes}, for scripts that run straight off the classpath.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path out = null;
        String only = null;
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(next(args, ++i, "--out"));
                case "--only" -> only = next(args, ++i, "--only");
                case "--list" -> list = true;
                case "-h", "--help" -> {
                    System.out.println("usage: Main --out DIR [--only BEHAVIOUR] [--list]");
                    return;
                }
                default -> fail("unknown argument " + args[i]);
            }
        }
        try {
            List<Scenario> scenarios = ScenarioLibrary.only(only);
            if (list) {
                scenarios.forEach(s -> System.out.println(s.name() + "\t" + s.description()));
                return;
            }
            if (out == null) {
                fail("--out DIR is required");
            }
            System.exit(renderAll(scenarios, out, System.out));
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    /** Renders each scenario into {@code out/<name>}; returns 0, or 1 if any failed (each reported). */
    public static int renderAll(List<Scenario> scenarios, Path out, PrintStream log) {
        int failed = 0;
        long t0 = System.nanoTime();
        int frames = 0;
        for (Scenario s : scenarios) {
            long t1 = System.nanoTime();
            try {
                ScenarioRenderer.render(s, out.resolve(s.name()));
                frames += s.frameCount();
                log.printf("%-48s %4d frames  %5.1f s  %d truth%n", s.name(), s.frameCount(),
                        (System.nanoTime() - t1) / 1e9, s.truth().size());
            } catch (IOException | RuntimeException e) {
                failed++;
                log.printf("%-48s FAILED: %s%n", s.name(), e.getMessage());
            }
        }
        log.printf("rendered %d scenarios (%d frames) into %s in %.1f s%s%n", scenarios.size() - failed, frames, out,
                (System.nanoTime() - t0) / 1e9, failed > 0 ? ", " + failed + " FAILED" : "");
        return failed == 0 ? 0 : 1;
    }

    private static String next(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("scenegen: " + message);
        System.exit(2);
    }
}
