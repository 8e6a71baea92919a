package org.skypatrol.gateway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code skypatrol broadcast}: Send a loudspeaker broadcast to a drone. */
@Command(name = "broadcast", mixinStandardHelpOptions = true, description = "Send a loudspeaker broadcast to a drone.")
final class BroadcastCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotYetAvailable.report("broadcast", 6);
    }
}
