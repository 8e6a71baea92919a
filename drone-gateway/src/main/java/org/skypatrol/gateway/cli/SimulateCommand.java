package org.skypatrol.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code skypatrol simulate}: the simulators, one subcommand each. To add one, write its command
 * class in its own file and list it in {@code subcommands} below.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulators: MAVLink drone, DJI-style drone, RTSP publisher.",
        subcommands = {
            SimulateDroneCommand.class,
            SimulateDjiCommand.class,
            SimulateScenesCommand.class,
            SimulatePublishCommand.class,
        })
final class SimulateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
