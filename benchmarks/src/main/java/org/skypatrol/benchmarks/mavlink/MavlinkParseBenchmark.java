package org.skypatrol.benchmarks.mavlink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.dronefleet.mavlink.MavlinkConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkFrameWriter;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkParser;
import org.skypatrol.protocols.mavlink.MavlinkSigning;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.MavlinkSigningPolicy;
import org.skypatrol.protocols.mavlink.MavlinkTlog;
import org.skypatrol.protocols.mavlink.ParseResult;

/**
 * Frames per second for parse + CRC + typed decode on the same bytes: the real v2 capture
 * (mavlink-v2-3412-packets.bin) and the frames of the real .tlog (vtol.tlog, v1), by SkyPatrol and
 * by dronefleet 1.1.11. Each invocation parses the whole capture; the score is divided by the
 * number of frames in it (frames/s as ops/s). Run with scripts/bench-mavlink.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MavlinkParseBenchmark {

    byte[] v2Capture;
    byte[] tlogFile;
    byte[] tlogFrames;
    byte[] v2Signed;
    MavlinkSigningKey key;
    Instant signedAt;
    final MavlinkParser parser = new MavlinkParser();

    @Setup
    public void load() throws IOException {
        Path dir = Path.of(System.getProperty("skypatrol.shared.data", "../shared/data"), "mavlink", "captures");
        v2Capture = Files.readAllBytes(dir.resolve("mavlink-v2-3412-packets.bin"));
        tlogFile = Files.readAllBytes(dir.resolve("vtol.tlog"));
        tlogFrames = stripTlog(tlogFile);
        key = MavlinkSigningKey.fromPassphrase("bench");
        signedAt = Instant.parse("2026-11-22T00:00:00Z");
        v2Signed = signAll(v2Capture);
    }

    /** The .tlog's frames without their 8-byte timestamps: the same frame bytes for every parser. */
    static byte[] stripTlog(byte[] tlog) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at + 10 < tlog.length) {
            int magic = tlog[at + 8] & 0xFF;
            int len = tlog[at + 9] & 0xFF;
            int frame = magic == 0xFE ? 8 + len : 12 + len + (((tlog[at + 10] & 1) != 0) ? 13 : 0);
            out.write(tlog, at + 8, Math.min(frame, tlog.length - at - 8));
            at += 8 + frame;
        }
        return out.toByteArray();
    }

    /** The v2 capture with every frame re-signed (strictly increasing timestamps), for verification cost. */
    byte[] signAll(byte[] capture) {
        ByteBuf in = Unpooled.wrappedBuffer(capture);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long ts = MavlinkSigning.timestampOf(signedAt);
        while (in.isReadable()) {
            if (parser.tryParse(in, true) instanceof ParseResult.Parsed p && p.frame().verified()) {
                out.writeBytes(MavlinkFrameWriter.toBytes(MavlinkSigning.sign(p.frame(), key, 1, ts++)));
            }
        }
        return out.toByteArray();
    }

    int skypatrol(byte[] bytes, Blackhole bh) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        int frames = 0;
        while (in.isReadable()) {
            if (parser.tryParse(in, true) instanceof ParseResult.Parsed p) {
                bh.consume(MavlinkMessages.decode(p.frame()));
                frames++;
            }
        }
        return frames;
    }

    static int dronefleet(byte[] bytes, Blackhole bh) {
        MavlinkConnection connection = MavlinkConnection.create(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream());
        int frames = 0;
        try {
            for (var m = connection.next(); m != null; m = connection.next()) {
                bh.consume(m);
                frames++;
            }
        } catch (EOFException end) {
            return frames; // dronefleet signals the end of the stream this way
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frames;
    }

    /** 3412 frames per invocation (3398 known to dronefleet; see the README's notes). */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(3412)
    public int v2Capture_skypatrol(Blackhole bh) {
        return skypatrol(v2Capture, bh);
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(3412)
    public int v2Capture_dronefleet(Blackhole bh) {
        return dronefleet(v2Capture, bh);
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(23894)
    public int tlogFrames_skypatrol(Blackhole bh) {
        return skypatrol(tlogFrames, bh);
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(23894)
    public int tlogFrames_dronefleet(Blackhole bh) {
        return dronefleet(tlogFrames, bh);
    }

    /** The .tlog file itself through MavlinkTlog (timestamps + frames). */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(23894)
    public int tlogFile_skypatrol(Blackhole bh) {
        int[] frames = {0};
        MavlinkTlog.read(parser, Unpooled.wrappedBuffer(tlogFile), e -> {
            bh.consume(MavlinkMessages.decode(e.frame()));
            frames[0]++;
        }, bh::consume);
        return frames[0];
    }

    /** The signed v2 capture: parse + CRC + signature verification with stream/replay policy + typed decode. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(3412)
    public int v2Signed_skypatrolVerified(Blackhole bh) {
        MavlinkSigningPolicy policy = new MavlinkSigningPolicy(key, true, Set.of(), InstantSource.fixed(signedAt));
        ByteBuf in = Unpooled.wrappedBuffer(v2Signed);
        int frames = 0;
        while (in.isReadable()) {
            if (parser.tryParse(in, true) instanceof ParseResult.Parsed p) {
                MavlinkFrame f = p.frame();
                if (policy.check(f, "peer") == null) {
                    bh.consume(MavlinkMessages.decode(f));
                    frames++;
                }
            }
        }
        return frames;
    }
}
