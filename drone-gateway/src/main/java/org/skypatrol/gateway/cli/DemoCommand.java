package org.skypatrol.gateway.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.skypatrol.gateway.Wiring;
import org.skypatrol.gateway.config.ConfigException;
import org.skypatrol.gateway.config.ConfigLoader;
import org.skypatrol.gateway.config.GatewayConfig;
import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.config.MetricsConfig;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.console.ConsolePrinter;
import org.skypatrol.gateway.console.ConsoleView;
import org.skypatrol.gateway.demo.DemoCamera;
import org.skypatrol.gateway.demo.DemoDrone;
import org.skypatrol.gateway.demo.DemoPorts;
import org.skypatrol.gateway.mavlink.MavlinkEndpoint;
import org.skypatrol.samples.drone.DroneSimulator;
import org.skypatrol.samples.drone.Flight;
import org.skypatrol.samples.drone.HoverFlight;
import org.skypatrol.samples.drone.SimulatorOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skypatrol demo}: the whole gateway (Wiring with defaults, data under ./var/) with simulated
 * drones patrolling G110 near Yinchuan and a live console summary. Each service keeps its usual
 * port when free, else takes a free one.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "One process, no setup: the gateway, simulated drones patrolling, a live console.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: until Ctrl-C).")
    Double duration;

    @Option(names = "--drones", defaultValue = "3", description = "Simulated drones over UDP. Default ${DEFAULT-VALUE}.")
    int udpDrones;

    @Option(names = "--tcp-drones", defaultValue = "1", description = "Simulated drones over TCP. Default ${DEFAULT-VALUE}.")
    int tcpDrones;

    @Option(names = "--data-dir", defaultValue = "var", paramLabel = "DIR", description = "Data folder. Default ./${DEFAULT-VALUE}/.")
    Path dataDir;

    @Option(names = "--ephemeral-ports", description = "Let the system choose every port (tests; several demos at once).")
    boolean ephemeralPorts;

    // issue 5: the demo camera with live analytics (0 = none)
    @Option(names = "--cameras", defaultValue = "1",
            description = "Fixed cameras playing a sample clip with live analytics (0 or 1). Default ${DEFAULT-VALUE}.")
    int cameras;

    @Option(names = "--drone-cameras", defaultValue = "1",
            description = "Drones hovering over a street with their video analysed live and alerts spoken through"
                    + " their loudspeaker (0 or 1). Default ${DEFAULT-VALUE}.")
    int droneCameras;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key (repeatable).")
    Map<String, String> sets = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>(sets);
        overrides.putIfAbsent("gateway.dataDir", dataDir.toString());
        GatewayConfig loaded;
        try {
            loaded = new ConfigLoader().load(null, overrides, System.getenv());
        } catch (ConfigException e) {
            System.err.println("skypatrol demo: " + e.getMessage());
            return 2;
        }
        MetricsConfig metrics = loaded.metrics(); // the metrics port, like the others: its usual one when free
        GatewayConfig cfg = new GatewayConfig(loaded.gateway(), DemoPorts.mavlink(loaded.mavlink(), ephemeralPorts),
                loaded.mqtt(), loaded.video(), loaded.analytics(), loaded.broadcast(),
                new MetricsConfig(metrics.enabled(), metrics.bind(),
                        ephemeralPorts ? 0 : DemoPorts.freeOrAny(metrics.port(), false)));
        VideoConfig.RtspServer r = cfg.video().rtspServer(); // its usual port when free, like the others
        cfg = new GatewayConfig(cfg.gateway(), cfg.mavlink(), cfg.mqtt(), new VideoConfig(cfg.video().enabled(),
                new VideoConfig.RtspServer(r.enabled(), r.bind(), ephemeralPorts ? 0 : DemoPorts.freeOrAny(r.port(), false),
                        r.readTimeoutSeconds(), r.maxConnections(), r.auth(), r.username(), r.password(), r.realm()),
                cfg.video().sources(), cfg.video().recording(), cfg.video().evidence(), cfg.video().httpApi(),
                cfg.video().discoverFromMavlink()), cfg.analytics(), cfg.broadcast(), cfg.metrics());
        if (cameras > 0) { // issue 5: a sample clip in a loop, analysed live (rendered on first run)
            cfg = DemoCamera.withCamera(cfg, DemoCamera.ensureClip(cfg.gateway().dataPath(), DemoCamera.scenario(),
                    System.err));
        }
        HoverFlight hover = null;
        Path clip = null;
        if (droneCameras > 0) { // the whole loop: drone video -> alert -> loudspeaker on that drone
            clip = DemoCamera.ensureClip(cfg.gateway().dataPath(), DemoDrone.scenario(), System.err);
            hover = DemoDrone.hover(clip);
            cfg = DemoDrone.withDrone(cfg, clip);
        }
        boolean ansi = ConsolePrinter.stdoutIsTerminal();
        if (ansi) {
            DemoLogging.quietForConsole();
        }
        PrintStream out = System.out;
        ConsoleView view = new ConsoleView();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Wiring wiring = new Wiring(cfg, Clock.systemUTC())) {
            view.attach(wiring.events());
            if (wiring.metricsServer() != null) { // read at each render, once the server has its port
                view.addCounters(() -> "metrics: " + (wiring.metricsServer().serving() ? wiring.metricsServer().url()
                        : "not served (port in use)"));
            }
            view.addCounters(wiring.mavlink()::summary);
            if (wiring.analytics() != null) { // issue 5
                view.addCounters(wiring.analytics()::summary);
            }
            wiring.start();
            HoverFlight flight = hover;
            boolean publish = hover != null && wiring.video() != null && wiring.video().rtsp() != null;
            try (DroneSimulator udp = startSimulator(wiring, MavlinkConfig.Transport.UDP, udpDrones, 1, null);
                 DroneSimulator tcp = startSimulator(wiring, MavlinkConfig.Transport.TCP, tcpDrones,
                         Math.min(udpDrones, 200) + 1, null);
                 DroneSimulator hovering = startSimulator(wiring, MavlinkConfig.Transport.UDP, hover == null ? 0 : 1,
                         DemoDrone.SYSID, sysid -> flight);
                 AutoCloseable videoLink = publish ? DemoDrone.publish(clip, wiring.video().rtsp().port(),
                         cfg.video().rtspServer()) : null) {
                ConsolePrinter printer = new ConsolePrinter(view, out, ansi, Clock.systemUTC(),
                        wiring.mavlink().scheduler(), Duration.ofSeconds(1));
                printer.start();
                try {
                    if (duration != null) {
                        stop.await((long) (duration * 1e9), TimeUnit.NANOSECONDS);
                    } else {
                        stop.await();
                    }
                } finally {
                    printer.close();
                }
                printer.printOnce();
            }
        } finally {
            finished.countDown();
            if (stop.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return 0;
    }

    /** @param flights the flight of each drone; null: patrolling G110 */
    private static DroneSimulator startSimulator(Wiring wiring, MavlinkConfig.Transport transport, int count,
                                                 int firstSysid, IntFunction<Flight> flights)
            throws InterruptedException {
        if (count <= 0) {
            return null;
        }
        MavlinkEndpoint endpoint = wiring.mavlink().endpoints().stream()
                .filter(e -> e.transport() == transport).findFirst().orElse(null);
        if (endpoint == null) {
            System.err.println("skypatrol demo: no " + transport + " endpoint configured; no drones over " + transport);
            return null;
        }
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.localAddress().getPort());
        SimulatorOptions options = SimulatorOptions.udp(count, target).withTcp(transport == MavlinkConfig.Transport.TCP)
                .withFirstSysid(firstSysid).withFlights(flights);
        return new DroneSimulator(options).start();
    }
}
