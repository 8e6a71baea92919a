package org.skypatrol.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code skypatrol} command line: one subcommand per user-facing job (see DESIGN.md). */
@Command(name = "skypatrol",
        mixinStandardHelpOptions = true,
        versionProvider = SkyPatrolCli.Version.class,
        description = "SkyPatrol: police drones and traffic cameras to a command centre.",
        subcommands = {
            DemoCommand.class,
            GatewayCommand.class,
            AnalyzeCommand.class,
            MavlinkCommand.class,
            BroadcastCommand.class,
            ReplayCommand.class,
            SimulateCommand.class,
            MqttCommand.class,
            SceneCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SkyPatrolCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Our logging config has its own name: the embedded HiveMQ jar ships a logback.xml too, and
        // two of them on the class path make Logback print its status report on stdout.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "skypatrol-logback.xml");
        }
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (also used by tests, which call {@code execute} on it). */
    public static CommandLine newCommandLine() {
        return new CommandLine(new SkyPatrolCli())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SkyPatrolCli.class.getPackage().getImplementationVersion();
            return new String[] {"skypatrol " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
