package org.skypatrol.gateway.mavlink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Datagrams the kernel dropped for a UDP socket (receive buffer full), read from the last column of
 * {@code /proc/net/udp} and {@code /proc/net/udp6} (Linux; {@code proc(5)}). Returns -1 where that
 * is not readable, so callers show "unknown" rather than a false zero.
 */
public final class KernelUdpDrops {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private KernelUdpDrops() {
    }

    /** Drops summed over every socket bound to {@code localPort}, or -1 when unknown. */
    public static long forPort(int localPort) {
        String portHex = String.format(Locale.ROOT, ":%04X", localPort);
        long sum = 0;
        boolean found = false;
        for (Path table : TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException | SecurityException e) {
                continue; // not Linux, or hidden: "unknown" below
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] cols = lines.get(i).trim().split("\\s+");
                if (cols.length > 12 && cols[1].endsWith(portHex)) {
                    try {
                        sum += Long.parseLong(cols[cols.length - 1]);
                        found = true;
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
        }
        return found ? sum : -1;
    }
}
