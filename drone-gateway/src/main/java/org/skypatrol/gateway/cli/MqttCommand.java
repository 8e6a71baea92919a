package org.skypatrol.gateway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code skypatrol mqtt}: MQTT tools: tail the topic tree. */
@Command(name = "mqtt", mixinStandardHelpOptions = true, description = "MQTT tools: tail the topic tree.")
final class MqttCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotYetAvailable.report("mqtt", 3);
    }
}
