package org.skypatrol.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class SkyPatrolCliTest {

    @Test
    void help_listsEveryCommandOfTheContract() {
        String usage = SkyPatrolCli.newCommandLine().getUsageMessage();
        for (String name : List.of("demo", "gateway", "analyze", "mavlink", "broadcast", "replay", "simulate")) {
            assertThat(usage).as("top-level help lists %s", name).containsPattern("(?m)^\\s+" + name + "\\s");
        }
    }

    @Test
    void help_everySubcommandAnswersHelpWithItsNameAndADescription() {
        List<CommandLine> all = new ArrayList<>();
        collect(SkyPatrolCli.newCommandLine(), all);
        assertThat(all).hasSizeGreaterThan(10);
        for (CommandLine cl : all) {
            String path = qualifiedName(cl);
            StringWriter out = new StringWriter();
            CommandLine root = SkyPatrolCli.newCommandLine();
            root.setOut(new PrintWriter(out));
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            args.remove(0); // "skypatrol"
            args.add("--help");
            int code = root.execute(args.toArray(String[]::new));
            assertThat(code).as("exit code of '%s --help'", path).isZero();
            assertThat(out.toString()).as("help of '%s'", path).contains("Usage: " + path);
            assertThat(cl.getCommandSpec().usageMessage().description())
                    .as("description of '%s'", path).isNotEmpty();
        }
    }

    @Test
    void simulate_hasTheDroneDjiAndScenesSimulators() {
        CommandLine simulate = SkyPatrolCli.newCommandLine().getSubcommands().get("simulate");
        assertThat(simulate.getSubcommands()).containsKeys("drone", "dji", "scenes");
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!into.contains(sub) && !"help".equals(sub.getCommandName())) {
                into.add(sub);
                collect(sub, into);
            }
        }
    }

    private static String qualifiedName(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName(" ");
    }
}
