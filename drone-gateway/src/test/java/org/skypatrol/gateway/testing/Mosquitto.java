package org.skypatrol.gateway.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto (Debian {@code mosquitto}) started by a test on a free loopback port with a generated
 * configuration; can be stopped with SIGTERM or SIGKILL and restarted on the same port and data folder.
 * Always {@link #close()} it (tests do so in {@code @AfterEach}).
 */
public final class Mosquitto implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/mosquitto";

    private final Path dir;
    private final int port;
    private final String extraConfig;
    private Process process;

    /**
     * @param extraConfig lines appended to the generated mosquitto.conf (ACL, limits, TLS listener...)
     */
    public Mosquitto(Path dir, String extraConfig) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(BINARY)) || System.getenv("CI") != null,
                "mosquitto is not installed (scripts/test.sh installs it in CI)");
        this.dir = Files.createDirectories(dir);
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        this.extraConfig = extraConfig;
    }

    /** Default listener on 127.0.0.1, anonymous allowed, persistence with a long autosave (as in FAULTS.md). */
    public static Mosquitto plain(Path dir) throws IOException {
        return new Mosquitto(dir, "allow_anonymous true\nmax_inflight_messages 1000\nmax_queued_messages 0\n");
    }

    /**
     * Password authentication (and an ACL file, or null for none), with the same deliberate limits.
     *
     * @param users "name:password" entries, written with {@code mosquitto_passwd}
     */
    public static Mosquitto withUsers(Path dir, List<String> users, Path aclFile) throws IOException {
        Files.createDirectories(dir);
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "");
        for (String u : users) {
            String[] up = u.split(":", 2);
            run("mosquitto_passwd", "-b", passwd.toString(), up[0], up[1]);
        }
        return new Mosquitto(dir, "allow_anonymous false\npassword_file " + passwd + "\n"
                + (aclFile == null ? "" : "acl_file " + aclFile + "\n")
                + "max_inflight_messages 1000\nmax_queued_messages 0\n");
    }

    private static void run(String... cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public Mosquitto start() throws IOException {
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
        Await.until(Duration.ofSeconds(10), this::listening, () -> "mosquitto listening on " + port);
        return this;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** SIGTERM: Mosquitto saves its persistence file on the way out. */
    public void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        Await.until(Duration.ofSeconds(5), () -> !listening(), () -> "port closed");
    }

    /** SIGKILL: whatever arrived since the last autosave is lost (FAULTS.md Q2). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        Await.until(Duration.ofSeconds(5), () -> !listening(), () -> "port closed");
    }

    public String log() throws IOException {
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
