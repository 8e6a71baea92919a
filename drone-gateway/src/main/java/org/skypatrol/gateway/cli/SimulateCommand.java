package org.skypatrol.gateway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code skypatrol simulate}: Simulators: MAVLink drone, DJI-style drone, RTSP publisher. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulators: MAVLink drone, DJI-style drone, RTSP publisher.")
final class SimulateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotYetAvailable.report("simulate", 2);
    }
}
