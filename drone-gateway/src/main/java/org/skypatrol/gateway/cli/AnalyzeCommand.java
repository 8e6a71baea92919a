package org.skypatrol.gateway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code skypatrol analyze}: Offline analysis of recorded footage against a scene file. */
@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Offline analysis of recorded footage against a scene file.")
final class AnalyzeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotYetAvailable.report("analyze", 5);
    }
}
