package org.skypatrol.benchmarks.mavlink;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.InstantSource;
import java.util.Set;
import java.util.function.ToLongFunction;

import io.dronefleet.mavlink.MavlinkConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkSigningPolicy;
import org.skypatrol.protocols.mavlink.MavlinkTlog;
import org.skypatrol.protocols.mavlink.ParseResult;

/**
 * Frames per CPU-second of the whole JVM process (CPU time of every thread, GC and JIT included,
 * not wall time) for the same work as {@link MavlinkParseBenchmark}, on one worker thread: on a
 * shared, loaded machine this is the honest "per core" figure, since wall-clock throughput there
 * mostly measures the other processes. node-mavlink's bench.js measures its process the same way.
 * Prints one line per case.
 * Usage: java -cp ... org.skypatrol.benchmarks.mavlink.MavlinkCpuRate [seconds-per-case]
 */
public final class MavlinkCpuRate {

    private static long sink;

    private MavlinkCpuRate() {
    }

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        MavlinkParseBenchmark b = new MavlinkParseBenchmark();
        b.load();
        run("v2Capture_skypatrol", seconds, 3412, x -> skypatrol(b, b.v2Capture));
        run("tlogFrames_skypatrol", seconds, 23894, x -> skypatrol(b, b.tlogFrames));
        run("tlogFile_skypatrol", seconds, 23894, x -> tlogFile(b));
        run("v2Signed_skypatrolVerified", seconds, 3412, x -> signed(b));
        run("v2Capture_dronefleet", seconds, 3412, x -> dronefleet(b.v2Capture));
        run("tlogFrames_dronefleet", seconds, 23894, x -> dronefleet(b.tlogFrames));
        System.err.println("(sink " + sink + ")");
    }

    private static void run(String name, double seconds, int framesPerPass, ToLongFunction<Void> pass) {
        long warmEnd = processCpu() + (long) (seconds * 0.5e9);
        while (processCpu() < warmEnd) {
            sink += pass.applyAsLong(null);
        }
        long cpu0 = processCpu();
        long end = cpu0 + (long) (seconds * 1e9);
        long frames = 0;
        while (processCpu() < end) {
            sink += pass.applyAsLong(null);
            frames += framesPerPass;
        }
        double cpuSeconds = (processCpu() - cpu0) / 1e9;
        System.out.printf("%s %.0f%n", name, frames / cpuSeconds);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long skypatrol(MavlinkParseBenchmark b, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        long n = 0;
        while (in.isReadable()) {
            if (b.parser.tryParse(in, true) instanceof ParseResult.Parsed p) {
                n += MavlinkMessages.decode(p.frame()).messageId();
            }
        }
        return n;
    }

    private static long tlogFile(MavlinkParseBenchmark b) {
        long[] n = {0};
        MavlinkTlog.read(b.parser, Unpooled.wrappedBuffer(b.tlogFile),
                e -> n[0] += MavlinkMessages.decode(e.frame()).messageId(), s -> n[0]++);
        return n[0];
    }

    private static long signed(MavlinkParseBenchmark b) {
        MavlinkSigningPolicy policy = new MavlinkSigningPolicy(b.key, true, Set.of(), InstantSource.fixed(b.signedAt));
        ByteBuf in = Unpooled.wrappedBuffer(b.v2Signed);
        long n = 0;
        while (in.isReadable()) {
            if (b.parser.tryParse(in, true) instanceof ParseResult.Parsed p && policy.check(p.frame(), "peer") == null) {
                n += MavlinkMessages.decode(p.frame()).messageId();
            }
        }
        return n;
    }

    private static long dronefleet(byte[] bytes) {
        MavlinkConnection connection = MavlinkConnection.create(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream());
        long n = 0;
        try {
            for (var m = connection.next(); m != null; m = connection.next()) {
                n += m.getOriginSystemId();
            }
        } catch (EOFException end) {
            return n;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return n;
    }
}
