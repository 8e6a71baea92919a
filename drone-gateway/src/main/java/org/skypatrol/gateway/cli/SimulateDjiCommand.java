package org.skypatrol.gateway.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.skypatrol.samples.dji.DjiDroneSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code skypatrol simulate dji}: a DJI Cloud API style drone publishing osd (and DRC) to a broker. */
@Command(name = "dji", mixinStandardHelpOptions = true,
        description = "A DJI Cloud API style drone: osd at 0.5 Hz and DRC osd_info_push at 10 Hz on an MQTT broker.")
final class SimulateDjiCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "tcp://127.0.0.1:1883", description = "broker (default: the gateway's embedded one)")
    String url;

    @Option(names = "--sn", defaultValue = "1581F5BKD225D00BCFSY", description = "aircraft serial number (the drone id)")
    String sn;

    @Option(names = "--gateway-sn", defaultValue = "4TADKAQ000002J", description = "dock/RC serial number")
    String gatewaySn;

    @Option(names = "--osd-hz", defaultValue = "0.5", description = "osd rate (DJI: 0.5)")
    double osdHz;

    @Option(names = "--drc-hz", defaultValue = "10", description = "DRC osd_info_push rate, 0 = off")
    double drcHz;

    @Option(names = "--lat", defaultValue = "38.4872") double lat;

    @Option(names = "--lon", defaultValue = "106.2309") double lon;

    @Option(names = "--radius", defaultValue = "150", description = "circle radius in metres") double radius;

    @Option(names = "--seconds", defaultValue = "0", description = "run time, 0 = until Ctrl-C") long seconds;

    @Option(names = "--count", defaultValue = "1",
            description = "aircraft to simulate, each with its own connection and dock; with more than one, serials get a suffix -1, -2, ... and the circles spread out")
    int count;

    @Override
    public Integer call() throws Exception {
        if (osdHz <= 0 || drcHz < 0 || radius <= 0 || count < 1 || count > 1000) {
            System.err.println("skypatrol simulate dji: --osd-hz and --radius must be > 0, --drc-hz >= 0, --count 1..1000");
            return 2;
        }
        List<DjiDroneSimulator> fleet = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String suffix = count == 1 ? "" : "-" + (i + 1);
                // 2 km apart on a grid, so a map of the fleet shows separate circles
                DjiDroneSimulator sim = new DjiDroneSimulator(new DjiDroneSimulator.Settings(url, sn + suffix,
                        gatewaySn + suffix, osdHz, drcHz, lat + (i / 10) * 0.018, lon + (i % 10) * 0.023, radius),
                        Clock.systemUTC());
                fleet.add(sim);
                sim.start();
            }
            System.err.println("simulating " + count + " DJI drone(s) " + sn + (count == 1 ? "" : "-1.." + count)
                    + " on " + url + " (Ctrl-C to stop)");
            DjiDroneSimulator.runFor(fleet.get(0), Duration.ofSeconds(seconds));
            System.err.println("sent " + fleet.stream().mapToLong(DjiDroneSimulator::sent).sum() + " messages");
        } finally {
            fleet.forEach(DjiDroneSimulator::close);
        }
        return 0;
    }
}
