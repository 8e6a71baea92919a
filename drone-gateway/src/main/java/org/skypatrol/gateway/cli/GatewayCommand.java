package org.skypatrol.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.config.ConfigException;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code skypatrol gateway}: runs the service until SIGTERM/SIGINT, logging every link change. */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Run the gateway service.")
final class GatewayCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(GatewayCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (sample: samples/config/gateway.yaml).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key, e.g. --set mavlink.endpoints.0.port=14551 (repeatable).")
    Map<String, String> sets = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg;
        try {
            cfg = new ConfigLoader().load(config, sets, System.getenv());
        } catch (ConfigException e) {
            System.err.println("skypatrol gateway: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Wiring wiring = new Wiring(cfg, Clock.systemUTC());
        Thread hook = new Thread(() -> {
            log.info("stopping gateway {}", cfg.gateway().id());
            wiring.close();
            stopped.countDown();
        }, "skypatrol-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            wiring.start();
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            System.err.println("skypatrol gateway: cannot start: " + e);
            return 1;
        }
        log.info("gateway {} running; Ctrl-C or SIGTERM stops it", cfg.gateway().id());
        stopped.await();
        return 0;
    }
}
