package org.skypatrol.gateway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code skypatrol mavlink}: MAVLink tools: dump a capture or .tlog to JSON lines. */
@Command(name = "mavlink", mixinStandardHelpOptions = true, description = "MAVLink tools: dump a capture or .tlog to JSON lines.")
final class MavlinkCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotYetAvailable.report("mavlink", 2);
    }
}
