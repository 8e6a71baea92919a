package org.skypatrol.gateway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code skypatrol demo}: One process, no setup: embedded broker, gateway, simulated drones and a camera, live console. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "One process, no setup: embedded broker, gateway, simulated drones and a camera, live console.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotYetAvailable.report("demo", 2);
    }
}
