package org.skypatrol.gateway.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.skypatrol.gateway.broadcast.BroadcastClient;
import org.skypatrol.gateway.config.ConfigException;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.protocols.mqtt.BroadcastRequestPayload;
import org.skypatrol.protocols.mqtt.CommandResultPayload;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skypatrol broadcast}: sends a loudspeaker broadcast to a running gateway the way the
 * command centre does (MQTT {@code .../drones/{id}/commands/broadcast}) and prints every status
 * from {@code .../commands/result} as it arrives. Exit code 0 when the drone played it (done),
 * 1 for failed/timeout/rejected or no final answer in time, 2 for usage or connection errors.
 */
@Command(name = "broadcast", mixinStandardHelpOptions = true,
        description = "Send a loudspeaker broadcast to a drone through a running gateway (MQTT) and follow its status.")
final class BroadcastCommand implements Callable<Integer> {

    @Option(names = "--drone", required = true, paramLabel = "ID", description = "Drone id, as shown by the gateway.")
    String drone;

    @Option(names = "--text", paramLabel = "TEXT", description = "Text for the drone to speak (TTS).")
    String text;

    @Option(names = "--clip", paramLabel = "N", description = "Preset clip number instead of text.")
    Integer clip;

    @Option(names = "--volume", paramLabel = "V", defaultValue = "80", description = "Volume 0..100 (default ${DEFAULT-VALUE}).")
    int volume;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Times to play, 1..10 (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--priority", paramLabel = "P", defaultValue = "normal",
            description = "normal, high or urgent; a higher priority interrupts a lower one (default ${DEFAULT-VALUE}).")
    BroadcastRequestPayload.Priority priority;

    @Option(names = "--command-id", paramLabel = "ID", description = "Command id (default: a new UUID); resending the same id never plays twice.")
    String commandId;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "90", description = "How long to wait for the final status (default ${DEFAULT-VALUE}).")
    double waitSeconds;

    @Option(names = "--url", paramLabel = "URL", description = "Broker URL (default: from the configuration; the embedded broker).")
    String url;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's YAML configuration (broker and topic prefix).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key (repeatable).")
    Map<String, String> sets = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if ((text == null) == (clip == null)) {
            System.err.println("skypatrol broadcast: give exactly one of --text and --clip");
            return 2;
        }
        GatewayConfig cfg;
        try {
            cfg = new ConfigLoader().load(config, sets, System.getenv());
        } catch (ConfigException e) {
            System.err.println("skypatrol broadcast: " + e.getMessage());
            return 2;
        }
        String broker = url != null ? url : cfg.mqtt().embeddedBroker()
                ? "tcp://" + cfg.mqtt().embedded().bind().replace("0.0.0.0", "127.0.0.1") + ":" + cfg.mqtt().embedded().port()
                : cfg.mqtt().url();
        String id = commandId != null ? commandId : UUID.randomUUID().toString();
        BroadcastRequestPayload request = BroadcastClient.textRequest(id, text, clip, volume, repeat, priority);
        try (BroadcastClient client = new BroadcastClient(broker, cfg.mqtt().topicPrefix(), cfg.mqtt().username(),
                cfg.mqtt().password())) {
            System.out.println("broadcast " + id + " to " + drone + " via " + broker);
            Instant sent = Instant.now();
            CommandResultPayload last = client.send(drone, request, r -> System.out.printf("%6d ms  %-9s %s%n",
                    Duration.between(sent, Instant.now()).toMillis(), r.status().name().toLowerCase(java.util.Locale.ROOT),
                    r.reason() == null ? "" : r.reason()))
                    .get((long) (waitSeconds * 1000), TimeUnit.MILLISECONDS);
            return last.status() == CommandResultPayload.Status.DONE ? 0 : 1;
        } catch (MqttException e) {
            System.err.println("skypatrol broadcast: cannot reach the broker at " + broker + ": " + e.getMessage());
            return 2;
        } catch (TimeoutException e) {
            System.err.println("skypatrol broadcast: no final status within " + waitSeconds + " s");
            return 1;
        } catch (ExecutionException e) {
            System.err.println("skypatrol broadcast: " + e.getCause());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}
