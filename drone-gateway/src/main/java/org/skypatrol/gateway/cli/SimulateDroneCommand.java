package org.skypatrol.gateway.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.MavlinkVersion;
import org.skypatrol.samples.drone.DroneSimulator;
import org.skypatrol.samples.drone.SimulatorOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code skypatrol simulate drone}: MAVLink drones patrolling G110 near Yinchuan, sending to a gateway. */
@Command(name = "drone", mixinStandardHelpOptions = true,
        description = "MAVLink drone(s) flying a patrol over National Highway 110 near Yinchuan.")
final class SimulateDroneCommand implements Callable<Integer> {

    @Option(names = "--count", defaultValue = "1", description = "Drones (system ids 1..; beyond 250 the next ports up). Default ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--target", defaultValue = "127.0.0.1:14550", paramLabel = "HOST:PORT", description = "Gateway endpoint. Default ${DEFAULT-VALUE}.")
    String target;

    @Option(names = "--tcp", description = "Connect over TCP (e.g. --target 127.0.0.1:5760) instead of UDP.")
    boolean tcp;

    @Option(names = "--v1", description = "Send MAVLink 1 frames (no gimbal or camera messages).")
    boolean v1;

    @Option(names = "--sign", paramLabel = "KEY", description = "Sign frames with this key (64 hex digits, or a passphrase).")
    String sign;

    @Option(names = "--loss", defaultValue = "0", paramLabel = "P", description = "Probability of dropping each frame (0..1).")
    double loss;

    @Option(names = "--corrupt", defaultValue = "0", paramLabel = "P", description = "Probability of flipping a bit in each frame (0..1).")
    double corrupt;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "HZ", description = "Position/attitude/HUD rate. Default ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--pack", description = "UDP: send each tick's frames together in one datagram, as PX4 and ArduPilot do.")
    boolean pack;

    @Option(names = "--first-sysid", defaultValue = "1", description = "System id of the first drone. Default ${DEFAULT-VALUE}.")
    int firstSysid;

    @Option(names = "--video-uri", paramLabel = "URI", description = "Answer MAV_CMD_REQUEST_MESSAGE(269) with VIDEO_STREAM_INFORMATION carrying this uri ({sysid} is replaced), e.g. rtsp://127.0.0.1:8554/drones/cam{sysid}.")
    String videoUri;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: until Ctrl-C).")
    Double duration;

    @Override
    public Integer call() throws Exception {
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            System.err.println("skypatrol simulate drone: --target must be HOST:PORT");
            return 2;
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(target.substring(0, colon)),
                Integer.parseInt(target.substring(colon + 1)));
        SimulatorOptions options;
        try {
            options = SimulatorOptions.udp(count, address).withTcp(tcp)
                    .withVersion(v1 ? MavlinkVersion.V1 : MavlinkVersion.V2).withRate(rate)
                    .withFaults(loss, corrupt);
            options = options.withFirstSysid(firstSysid).withPacking(pack);
            if (videoUri != null) {
                options = options.withVideoUri(videoUri);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("skypatrol simulate drone: " + e.getMessage());
            return 2;
        }
        if (sign != null) {
            if (v1) {
                System.err.println("skypatrol simulate drone: --sign needs MAVLink 2 (MAVLink 1 frames cannot be signed)");
                return 2;
            }
            options = options.withSigning(MavlinkSigningKey.parse(sign));
        }
        DroneSimulator sim = new DroneSimulator(options);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                reported.await(3, TimeUnit.SECONDS); // let the summary below print before the JVM halts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        sim.start();
        long startNanos = System.nanoTime();
        if (duration != null) {
            stop.await((long) (duration * 1e9), TimeUnit.NANOSECONDS);
        } else {
            stop.await();
        }
        sim.close();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.err.printf(java.util.Locale.ROOT,
                "simulate drone: %d drone(s), %.1f s: frames sent=%d dropped=%d corrupted=%d, commands answered=%d%n",
                count, seconds, sim.framesSent(), sim.framesDropped(), sim.framesCorrupted(), sim.commandsAnswered());
        System.err.flush();
        reported.countDown();
        return 0;
    }
}
