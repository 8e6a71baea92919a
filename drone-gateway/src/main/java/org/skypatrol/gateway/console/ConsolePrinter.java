package org.skypatrol.gateway.console;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.skypatrol.gateway.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the {@link ConsoleView} about once a second: redrawn in place with ANSI escapes when the
 * output is a terminal, appended as plain lines otherwise (a log file, a pipe, a test).
 */
public final class ConsolePrinter implements Service {

    private static final Logger log = LoggerFactory.getLogger(ConsolePrinter.class);
    /** ANSI: cursor home, clear screen. */
    private static final String CLEAR = "\u001b[H\u001b[2J";

    private final ConsoleView view;
    private final PrintStream out;
    private final boolean ansi;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration period;
    private ScheduledFuture<?> task;

    public ConsolePrinter(ConsoleView view, PrintStream out, boolean ansi, Clock clock,
                          ScheduledExecutorService scheduler, Duration period) {
        this.view = view;
        this.out = out;
        this.ansi = ansi;
        this.clock = clock;
        this.scheduler = scheduler;
        this.period = period;
    }

    /** Whether stdout is an interactive terminal (no redirect). */
    public static boolean stdoutIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void start() {
        task = scheduler.scheduleAtFixedRate(this::printSafely, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Prints one frame now. */
    public void printOnce() {
        List<String> lines = view.render(clock.instant());
        StringBuilder sb = new StringBuilder();
        if (ansi) {
            sb.append(CLEAR);
        }
        for (String line : lines) {
            sb.append(line).append(System.lineSeparator());
        }
        if (!ansi) {
            sb.append(System.lineSeparator());
        }
        out.print(sb);
        out.flush();
    }

    private void printSafely() {
        try {
            printOnce();
        } catch (RuntimeException e) {
            log.error("console refresh failed", e);
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
