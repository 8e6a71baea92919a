package org.skypatrol.gateway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code skypatrol gateway}: Run the gateway service. */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Run the gateway service.")
final class GatewayCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotYetAvailable.report("gateway", 2);
    }
}
