package org.skypatrol.gateway.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto (Debian {@code mosquitto}) started by a test on a free loopback port with a generated
 * configuration; can be stopped with SIGTERM or SIGKILL and restarted on the same port and data folder.
 * Always {@link #close()} it (tests do so in {@code @AfterEach}).
 */
final class Mosquitto implements AutoCloseable {

    static final String BINARY = "/usr/sbin/mosquitto";

    private final Path dir;
    private final int port;
    private final String extraConfig;
    private Process process;

    /**
     * @param extraConfig lines appended to the generated mosquitto.conf (ACL, limits, TLS listener...)
     */
    Mosquitto(Path dir, String extraConfig) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(BINARY)) || System.getenv("CI") != null,
                "mosquitto is not installed (scripts/test.sh installs it in CI)");
        this.dir = Files.createDirectories(dir);
        this.port = EmbeddedBroker.freePort();
        this.extraConfig = extraConfig;
    }

    /** Default listener on 127.0.0.1, anonymous allowed, persistence with a long autosave (as in FAULTS.md). */
    static Mosquitto plain(Path dir) throws IOException {
        return new Mosquitto(dir, "allow_anonymous true\nmax_inflight_messages 1000\nmax_queued_messages 0\n");
    }

    Mosquitto start() throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        String listener = extraConfig.contains("listener ") ? "" : "listener " + port + " 127.0.0.1\n";
        // as root, Mosquitto drops to user "mosquitto", which cannot write the test's folder: stay root
        String user = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        Files.writeString(conf, listener + user
                + "persistence true\npersistence_location " + dir + "/\nautosave_interval 1800\n"
                + "log_dest file " + dir.resolve("mosquitto.log") + "\nlog_type all\n"
                + extraConfig.replace("${PORT}", Integer.toString(port)));
        process = new ProcessBuilder(BINARY, "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        Await.until(Duration.ofSeconds(10), "mosquitto listening on " + port, this::listening);
        return this;
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    Path dir() {
        return dir;
    }

    /** SIGTERM: Mosquitto saves its persistence file on the way out. */
    void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        Await.until(Duration.ofSeconds(5), "port closed", () -> !listening());
    }

    /** SIGKILL: whatever arrived since the last autosave is lost (FAULTS.md Q2). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        Await.until(Duration.ofSeconds(5), "port closed", () -> !listening());
    }

    String log() throws IOException {
        Path l = dir.resolve("mosquitto.log");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
