package org.skypatrol.gateway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code skypatrol replay}: List recordings and export clips. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "List recordings and export clips.")
final class ReplayCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotYetAvailable.report("replay", 4);
    }
}
