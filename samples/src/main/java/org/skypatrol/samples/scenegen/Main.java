package org.skypatrol.samples.scenegen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
        int jobs = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(next(args, ++i, "--out"));
                case "--only" -> only = next(args, ++i, "--only");
                case "--list" -> list = true;
                case "--jobs" -> jobs = Integer.parseInt(next(args, ++i, "--jobs"));
                case "--seed-offset" -> System.setProperty(Clip.SEED_OFFSET_PROPERTY, next(args, ++i, "--seed-offset"));
                case "-h", "--help" -> {
                    System.out.println("usage: Main --out DIR [--only BEHAVIOUR] [--jobs N] [--seed-offset N] [--list]");
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
            System.exit(renderAll(scenarios, out, System.out, jobs));
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    /**
     * Renders each scenario into {@code out/<name>} on {@code jobs} threads (each clip has its own
     * texture, renderer and encoder); returns 0, or 1 if any failed (each reported).
     */
    public static int renderAll(List<Scenario> scenarios, Path out, PrintStream log, int jobs) {
        long t0 = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger frames = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Scenario s : scenarios) {
                done.add(pool.submit(() -> {
                    long t1 = System.nanoTime();
                    try {
                        ScenarioRenderer.render(s, out.resolve(s.name()));
                        frames.addAndGet(s.frameCount());
                        log.printf("%-48s %4d frames  %5.1f s  %d truth%n", s.name(), s.frameCount(),
                                (System.nanoTime() - t1) / 1e9, s.truth().size());
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        log.printf("%-48s FAILED: %s%n", s.name(), e.getMessage());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.println("interrupted");
            return 1;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int bad = failed.get();
        log.printf("rendered %d scenarios (%d frames) into %s in %.1f s%s%n", scenarios.size() - bad, frames.get(), out,
                (System.nanoTime() - t0) / 1e9, bad > 0 ? ", " + bad + " FAILED" : "");
        return bad == 0 ? 0 : 1;
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
